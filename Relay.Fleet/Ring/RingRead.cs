namespace Relay.Fleet.Ring;

/// <summary>Outcome of reading one sequence number from an <see cref="EventRing{T}"/>.</summary>
public enum RingRead
{
    /// <summary>The entry was read.</summary>
    Ok,

    /// <summary>The writer has reused the slot: the entry is lost to this reader.</summary>
    Overwritten,

    /// <summary>The sequence number is at or past the write position.</summary>
    NotYetWritten,
}
