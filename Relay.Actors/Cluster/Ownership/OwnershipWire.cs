using Relay.Actors.Peers;
using Relay.Streams.Time;

namespace Relay.Actors.Cluster.Ownership;

/// <summary>Converts between the relay's node records and the cluster's wire messages.</summary>
internal static class OwnershipWire
{
    public static PeerNode ToWire(this PeerInfo peer)
    {
        var node = new PeerNode { Name = peer.Name, Address = peer.Address };
        if (peer.TlsServerName is not null)
        {
            node.TlsServerName = peer.TlsServerName;
        }

        return node;
    }

    public static PeerInfo ToPeerInfo(this PeerNode node) =>
        new(node.Name, node.Address, node.HasTlsServerName ? node.TlsServerName : null);

    public static NodeReport ToReport(this NodeEntry entry, DateTimeOffset ownedSince, long claim)
    {
        var report = new NodeReport
        {
            Node = new PeerInfo(entry.Name, entry.Address, entry.TlsServerName).ToWire(),
            State = entry.State switch
            {
                NodeState.Connected => OwnedNodeState.Connected,
                NodeState.Connecting => OwnedNodeState.Connecting,
                _ => OwnedNodeState.Unavailable,
            },
            StateSinceUnixNanos = UnixNanos.From(entry.StateSince),
            LastStatus = entry.LastStatus,
            ConsecutiveFailures = entry.ConsecutiveFailures,
            OwnedSinceUnixNanos = UnixNanos.From(ownedSince),
            Claim = claim,
        };
        if (entry.LastError is not null)
        {
            report.LastError = entry.LastError;
        }

        return report;
    }

    /// <summary>The node a report describes, without a client (the reader supplies one).</summary>
    public static NodeEntry ToEntry(this NodeReport report)
    {
        var peer = report.Node.ToPeerInfo();
        return new NodeEntry(peer.Name, peer.Address, peer.TlsServerName, ToState(report.State), FromNanos(report.StateSinceUnixNanos))
        {
            LastStatus = report.LastStatus,
            LastError = report.HasLastError ? report.LastError : null,
            ConsecutiveFailures = report.ConsecutiveFailures,
        };
    }

    public static PeerServiceReport ToWire(this PeerServiceStatus status)
    {
        var report = new PeerServiceReport
        {
            Address = status.Address,
            State = status.State switch
            {
                PeerServiceState.Connected => FollowerPeerServiceState.Connected,
                PeerServiceState.Unavailable => FollowerPeerServiceState.Unavailable,
                PeerServiceState.SingleNode => FollowerPeerServiceState.SingleNode,
                _ => FollowerPeerServiceState.Connecting,
            },
            ConsecutiveFailures = status.ConsecutiveFailures,
        };
        if (status.LastError is not null)
        {
            report.LastError = status.LastError;
        }

        return report;
    }

    public static PeerServiceStatus ToStatus(this PeerServiceReport report) =>
        new(
            report.Address,
            report.State switch
            {
                FollowerPeerServiceState.Connected => PeerServiceState.Connected,
                FollowerPeerServiceState.Unavailable => PeerServiceState.Unavailable,
                FollowerPeerServiceState.SingleNode => PeerServiceState.SingleNode,
                _ => PeerServiceState.Connecting,
            },
            report.ConsecutiveFailures,
            report.HasLastError ? report.LastError : null);

    public static DateTimeOffset FromNanos(long nanos) => DateTimeOffset.UnixEpoch.AddTicks(nanos / TimeSpan.NanosecondsPerTick);

    private static NodeState ToState(OwnedNodeState state) => state switch
    {
        OwnedNodeState.Connected => NodeState.Connected,
        OwnedNodeState.Connecting => NodeState.Connecting,
        _ => NodeState.Unavailable,
    };
}
