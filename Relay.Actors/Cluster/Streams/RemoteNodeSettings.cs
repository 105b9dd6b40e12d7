namespace Relay.Actors.Cluster.Streams;

/// <summary>How long a replica waits for the owner of a node it does not own.</summary>
public sealed record RemoteNodeSettings
{
    public static RemoteNodeSettings Default { get; } = new();

    /// <summary>An owner that has not handed out a node's stream within this is reported unavailable.</summary>
    public TimeSpan OpenTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>What the owner gives a node to answer a namespaces query.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Added to a node call's own deadline for the round trip to the owner, so the node's answer — even its
    /// <c>DeadlineExceeded</c> — arrives before the caller stops waiting.
    /// </summary>
    public TimeSpan RoundTripMargin { get; init; } = TimeSpan.FromSeconds(1);
}
