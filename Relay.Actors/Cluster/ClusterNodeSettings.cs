namespace Relay.Actors.Cluster;

/// <summary>How the relay cluster shares out its nodes (scale-out); the defaults suit production.</summary>
public sealed record ClusterNodeSettings
{
    /// <summary>
    /// Shards the node names hash into; a shard is the unit that moves between replicas. About ten per replica the
    /// cluster may ever have spreads nodes evenly without making rebalancing chatty.
    /// </summary>
    public int NumberOfShards { get; init; } = 100;

    /// <summary>
    /// How often the peer-service follower re-sends ownership of every node. Ownership is not remembered
    /// (remember-entities off), so this is what re-creates a node's owner after a message was lost.
    /// </summary>
    public TimeSpan ReassertInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// An owner that hears nothing about its node for this long stops dialling it: a node deleted while no
    /// follower ran is not dialled forever. Several times <see cref="ReassertInterval"/>, and longer than a follower
    /// hand-over takes.
    /// </summary>
    public TimeSpan OwnershipLease { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// After a replica is removed, ownership of every node is re-sent this much later: by then the shard
    /// coordinator has freed the removed replica's shards, so the re-sent messages create new owners elsewhere.
    /// </summary>
    public TimeSpan RemovalReassertDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often each replica re-sends the state of all its nodes to the others (repairs lost updates).</summary>
    public TimeSpan BoardSyncInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Every problem with these settings, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (NumberOfShards < 1)
        {
            errors.Add($"the number of shards ({NumberOfShards}) must be at least 1");
        }

        Positive(ReassertInterval, "re-assert interval");
        Positive(RemovalReassertDelay, "removal re-assert delay");
        Positive(BoardSyncInterval, "board sync interval");
        if (OwnershipLease <= ReassertInterval)
        {
            errors.Add($"the ownership lease ({OwnershipLease}) must be longer than the re-assert interval ({ReassertInterval})");
        }

        return errors;

        void Positive(TimeSpan value, string name)
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"the {name} ({value}) must be positive");
            }
        }
    }
}
