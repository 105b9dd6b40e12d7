using Hubble.Observer;
using Relay.Actors.Nodes;

namespace Relay.Actors.Peers;

/// <summary>An immutable view of one node, as the directory lists it and publishes its changes.</summary>
/// <param name="Name">The node name the peer service announced (e.g. <c>cluster/node-1</c>).</param>
/// <param name="Address">The node's address as announced.</param>
/// <param name="TlsServerName">The TLS name from the announcement, or null.</param>
/// <param name="State">The connection state.</param>
/// <param name="StateSince">When <paramref name="State"/> was entered.</param>
public sealed record NodeEntry(
    string Name,
    string Address,
    string? TlsServerName,
    NodeState State,
    DateTimeOffset StateSince)
{
    /// <summary>The calls to the node; set only while <see cref="State"/> is <see cref="NodeState.Connected"/>.</summary>
    public INodeClient? Client { get; init; }

    /// <summary>The node's last ServerStatus answer (version, uptime, flows); treat it as read-only.</summary>
    public ServerStatusResponse? LastStatus { get; init; }

    /// <summary>The last connection error, kept after the node recovers.</summary>
    public string? LastError { get; init; }

    /// <summary>Failed checks since the last successful one.</summary>
    public int ConsecutiveFailures { get; init; }

    /// <summary>
    /// Scale-out: the relay replica that dials the node (its cluster address, e.g.
    /// <c>akka.tcp://hubble-relay@10.0.3.7:4253</c>); null for a single relay.
    /// </summary>
    public string? Owner { get; init; }
}
