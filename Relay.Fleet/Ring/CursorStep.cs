namespace Relay.Fleet.Ring;

/// <summary>What <see cref="RingCursor{T}.Next"/> found.</summary>
public enum CursorStep
{
    /// <summary>An entry that matches the query.</summary>
    Item,

    /// <summary>The writer overran the reader; <see cref="RingCursor{T}.LostCount"/> entries were skipped.</summary>
    Lost,

    /// <summary>Following and caught up: await <see cref="RingCursor{T}.WaitAsync"/>, then call Next again.</summary>
    Wait,

    /// <summary>The query is complete.</summary>
    End,
}
