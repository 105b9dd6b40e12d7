using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Relay.Actors.Cluster.Board;
using Relay.Actors.Nodes;
using Relay.Actors.Peers;

namespace Relay.Actors.Tests.Cluster;

/// <summary>How a replica's registry shows the nodes another replica owns.</summary>
public sealed class RegistryMirrorTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly UniqueAddress Self = new(new Address("akka.tcp", "hubble-relay", "10.0.0.1", 4253), 1);
    private static readonly UniqueAddress Owner = new(new Address("akka.tcp", "hubble-relay", "10.0.0.2", 4253), 2);
    private static readonly PeerInfo A = new("test/a", "10.1.0.1:4244", "a.test.hubble-grpc.cilium.io");

    [Fact]
    public void StateChangeOfARemoteNode_KeepsTheOwnersStateSince_NotThisReplicasClock()
    {
        var clock = new FakeTimeProvider(T0);
        var registry = new PeerRegistry("hubble-peer:443", clock, NullLogger.Instance);
        var mirror = new RegistryMirror(registry, node => new StubRemoteClient(node), NullLogger.Instance);
        var state = new NodeBoardState(Self);
        state.ApplyPeerList([A], [], complete: true);
        state.Report(new OwnerReport(Owner, Entry(NodeState.Connecting, T0), T0, 1));
        mirror.Show(A.Name, state);

        // The owner saw the node connect at T0 + 1 s; this replica hears of it 30 s later (a sync repaired a lost update).
        clock.Advance(TimeSpan.FromSeconds(31));
        state.Report(new OwnerReport(Owner, Entry(NodeState.Connected, T0.AddSeconds(1)), T0, 1));
        mirror.Show(A.Name, state);

        var shown = Assert.Single(registry.Nodes);
        Assert.Equal((NodeState.Connected, T0.AddSeconds(1)), (shown.State, shown.StateSince));
    }

    private static NodeEntry Entry(NodeState state, DateTimeOffset since) => new(A.Name, A.Address, A.TlsServerName, state, since);
}
