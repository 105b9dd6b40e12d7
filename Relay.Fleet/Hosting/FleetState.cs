using System.Collections.Concurrent;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Relay.Fleet.Peers;

namespace Relay.Fleet.Hosting;

/// <summary>
/// What the gRPC services of every fleet host share: which node answers on which port, the peer directory
/// and the peer port, and the stream counters.
/// </summary>
internal sealed class FleetState(PeerDirectory peers, TimeProvider time)
{
    private readonly ConcurrentDictionary<int, SimulatedNode> _nodesByPort = new();
    private int _openPeerStreams;

    public PeerDirectory Peers { get; } = peers;

    public TimeProvider Time { get; } = time;

    /// <summary>Port of the peer service (set once its host has started).</summary>
    public int PeerPort { get; set; } = -1;

    public int OpenPeerNotifyStreams => Volatile.Read(ref _openPeerStreams);

    public void Attach(int port, SimulatedNode node) => _nodesByPort[port] = node;

    public void Detach(int port, SimulatedNode node) => _nodesByPort.TryRemove(new KeyValuePair<int, SimulatedNode>(port, node));

    public bool IsPeerPort(ServerCallContext context) => LocalPort(context) == PeerPort;

    /// <summary>The node behind the port the call came in on.</summary>
    public SimulatedNode NodeFor(ServerCallContext context)
    {
        var port = LocalPort(context);
        if (_nodesByPort.TryGetValue(port, out var node))
        {
            return node;
        }

        throw port == PeerPort
            ? new RpcException(new Status(StatusCode.Unimplemented, "the Observer service is served on the node ports, not on the peer port"))
            : new RpcException(new Status(StatusCode.Unavailable, $"no simulated node listens on port {port} any more"));
    }

    public void PeerNotifyStarted() => Interlocked.Increment(ref _openPeerStreams);

    public void PeerNotifyEnded() => Interlocked.Decrement(ref _openPeerStreams);

    private static int LocalPort(ServerCallContext context) => context.GetHttpContext().Connection.LocalPort;
}
