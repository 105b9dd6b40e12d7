using Relay.Actors.Nodes;

namespace Relay.Actors.Peers;

/// <summary>How the peer manager follows the peer service and keeps node connections.</summary>
public sealed record PeerManagerSettings
{
    /// <summary>The peer service (<c>--peer-service</c>); a Hubble node answering Unimplemented is used alone.</summary>
    public string PeerServiceAddress { get; init; } = "unix:///var/run/cilium/hubble.sock";

    /// <summary>The cluster name (<c>--cluster-name</c>), part of the peer service's TLS name.</summary>
    public string ClusterName { get; init; } = "default";

    /// <summary>Connect timeout, and the deadline of each connection check (<c>--dial-timeout</c>).</summary>
    public TimeSpan DialTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait before re-subscribing to the peer service (<c>--retry-timeout</c>).</summary>
    public TimeSpan RetryTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>First retry delay for a node, and for the peer service; doubles per failure.</summary>
    public TimeSpan BackoffMin { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The cap of a node's retry delay.</summary>
    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a connected node is re-checked.</summary>
    public TimeSpan RecheckInterval { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The relay's version, sent to nodes in <c>hubble-relay-version</c>.</summary>
    public string RelayVersion { get; init; } = "";

    /// <summary>
    /// The peer service sends its whole list first but never says when the list is complete: it counts as
    /// complete once a subscription has been quiet this long after a notification.
    /// </summary>
    public TimeSpan PeerListSettleTime { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The random share (0 to below 1) taken off each retry delay so that nodes do not retry in step.</summary>
    public double BackoffJitter { get; init; } = 0.2;

    /// <summary>Every problem with these settings, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(PeerServiceAddress))
        {
            errors.Add("the peer-service address is empty");
        }
        else
        {
            try
            {
                NodeAddress.Parse(PeerServiceAddress, NodeAddress.PeerServicePort);
            }
            catch (FormatException e)
            {
                errors.Add($"the peer-service address is invalid: {e.Message}");
            }
        }

        Positive(DialTimeout, "dial timeout");
        Positive(RetryTimeout, "retry timeout");
        Positive(BackoffMin, "minimum backoff");
        Positive(RecheckInterval, "re-check interval");
        Positive(PeerListSettleTime, "peer-list settle time");
        if (BackoffMax < BackoffMin)
        {
            errors.Add($"the maximum backoff ({BackoffMax}) is below the minimum ({BackoffMin})");
        }

        if (BackoffJitter is < 0 or >= 1 || double.IsNaN(BackoffJitter))
        {
            errors.Add($"the backoff jitter ({BackoffJitter}) is outside [0, 1)");
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
