using Akka.Actor;
using Akka.Cluster;
using Relay.Actors.Cluster.Board;
using Relay.Actors.Nodes;
using Relay.Actors.Peers;

namespace Relay.Actors.Tests.Cluster;

/// <summary>How one replica decides what to list for each node from the peer list, owners' reports and membership.</summary>
public sealed class NodeBoardStateTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly UniqueAddress Self = Member("10.0.0.1", 1);
    private static readonly UniqueAddress Other = Member("10.0.0.2", 2);
    private static readonly UniqueAddress Third = Member("10.0.0.3", 3);
    private static readonly PeerInfo A = new("test/a", "10.1.0.1:4244", "a.test.hubble-grpc.cilium.io");

    private readonly NodeBoardState _state = new(Self);

    [Fact]
    public void RemovedMembers_TheOldestAreForgotten_PastTheBound()
    {
        var removed = Enumerable.Range(1, NodeBoardState.RemovedRemembered + 1).Select(i => Member("10.9.0.1", i)).ToList();

        removed.ForEach(m => _state.MarkRemoved(m));

        Assert.False(_state.IsRemoved(removed[0]));
        Assert.All(removed.Skip(1), m => Assert.True(_state.IsRemoved(m)));
    }

    [Fact]
    public void View_ListedNodeNobodyReports_Connecting()
    {
        _state.ApplyPeerList([A], [], complete: true);

        var entry = View();

        Assert.Equal((A.Name, A.Address, A.TlsServerName, NodeState.Connecting), (entry.Name, entry.Address, entry.TlsServerName, entry.State));
        Assert.Null(entry.Owner);
        Assert.Null(entry.Client);
    }

    [Fact]
    public void View_ConnectedOnAnotherReplica_TheRemoteClientAndItsOwner()
    {
        _state.ApplyPeerList([A], [], complete: true);
        _state.Report(Report(Other, NodeState.Connected, T0));

        var entry = View();

        Assert.Equal(NodeState.Connected, entry.State);
        Assert.Equal(Other.Address.ToString(), entry.Owner);
        Assert.Equal(A.Name, Assert.IsType<StubRemoteClient>(entry.Client).Node);
    }

    [Fact]
    public void View_UnavailableOnAnotherReplica_NoClient()
    {
        _state.ApplyPeerList([A], [], complete: true);
        _state.Report(Report(Other, NodeState.Unavailable, T0));

        Assert.Null(View().Client);
    }

    [Fact]
    public void View_OwnedHere_KeepsTheOwnConnection()
    {
        var own = new StubRemoteClient("own connection");
        _state.ApplyPeerList([A], [], complete: true);
        _state.Report(new OwnerReport(Self, Entry(NodeState.Connected) with { Client = own }, T0, 1));

        var entry = View();

        Assert.Same(own, entry.Client);
        Assert.Equal(Self.Address.ToString(), entry.Owner);
    }

    [Fact]
    public void View_TwoOwnersDuringAHandOver_TheLaterClaimWinsAndTheEarlierReleaseChangesNothing()
    {
        _state.ApplyPeerList([A], [], complete: true);
        _state.Report(Report(Other, NodeState.Connected, T0, claim: 7));
        _state.Report(Report(Third, NodeState.Connecting, T0.AddSeconds(5), claim: 1));

        Assert.Equal((Third.Address.ToString(), NodeState.Connecting), (View().Owner, View().State));
        Assert.True(_state.Release(Other, A.Name, claim: 7));
        Assert.Equal(Third.Address.ToString(), View().Owner);
    }

    [Fact]
    public void Release_OfAnOlderClaim_KeepsTheNewerReport()
    {
        _state.ApplyPeerList([A], [], complete: true);
        _state.Report(Report(Other, NodeState.Connected, T0, claim: 8));

        Assert.False(_state.Release(Other, A.Name, claim: 7));
        Assert.Equal(NodeState.Connected, View().State);
    }

    [Fact]
    public void View_OwnerUnreachable_UnavailableUntilReachableAgain()
    {
        _state.ApplyPeerList([A], [], complete: true);
        _state.Report(Report(Other, NodeState.Connected, T0));

        Assert.Equal([A.Name], _state.MarkUnreachable(Other));
        var unreachable = View();
        Assert.Equal(NodeState.Unavailable, unreachable.State);
        Assert.Null(unreachable.Client);
        Assert.Contains("unreachable", unreachable.LastError);

        _state.MarkReachable(Other);
        Assert.Equal(NodeState.Connected, View().State);
    }

    [Fact]
    public void View_OwnerRemoved_UnavailableUntilANewOwnerReportsAndItsLateReportsIgnored()
    {
        _state.ApplyPeerList([A], [], complete: true);
        _state.Report(Report(Other, NodeState.Connected, T0));

        Assert.Equal([A.Name], _state.MarkRemoved(Other));
        Assert.Equal(NodeState.Unavailable, View().State);
        Assert.False(_state.Report(Report(Other, NodeState.Connected, T0)));
        Assert.Equal(NodeState.Unavailable, View().State);

        _state.Report(Report(Third, NodeState.Connected, T0.AddSeconds(9)));
        Assert.Equal((NodeState.Connected, Third.Address.ToString()), (View().State, View().Owner));
    }

    [Fact]
    public void View_BeforeAnyCompleteList_ReportedNodesListedAfterwardsOnlyListedOnes()
    {
        _state.Report(Report(Other, NodeState.Connected, T0));
        Assert.Equal(NodeState.Connected, View().State);

        var touched = _state.ApplyPeerList([], [], complete: true);

        Assert.Contains(A.Name, touched);
        Assert.Null(_state.View(A.Name, T0, n => new StubRemoteClient(n)));
    }

    [Fact]
    public void ApplyPeerList_Removed_NodeNoLongerListed()
    {
        _state.ApplyPeerList([A], [], complete: true);

        _state.ApplyPeerList([], [A.Name], complete: false);

        Assert.Null(_state.View(A.Name, T0, n => new StubRemoteClient(n)));
    }

    [Fact]
    public void ReplaceAll_DropsWhatTheOwnerNoLongerReports()
    {
        var b = new PeerInfo("test/b", "10.1.0.2:4244", null);
        _state.ApplyPeerList([A, b], [], complete: true);
        _state.Report(Report(Other, NodeState.Connected, T0));

        var touched = _state.ReplaceAll(Other, [new OwnerReport(Other, new NodeEntry(b.Name, b.Address, null, NodeState.Connected, T0), T0, 2)]);

        Assert.Equal([A.Name, b.Name], touched.Order());
        Assert.Equal(NodeState.Unavailable, View().State); // A lost its owner
        Assert.Equal(NodeState.Connected, _state.View(b.Name, T0, n => new StubRemoteClient(n))!.State);
    }

    private static UniqueAddress Member(string host, int uid) => new(new Address("akka.tcp", "hubble-relay", host, 4253), uid);

    private static NodeEntry Entry(NodeState state) => new(A.Name, A.Address, A.TlsServerName, state, T0);

    private static OwnerReport Report(UniqueAddress owner, NodeState state, DateTimeOffset ownedSince, long claim = 1) =>
        new(owner, Entry(state), ownedSince, claim);

    private NodeEntry View() => _state.View(A.Name, T0, node => new StubRemoteClient(node)) ?? throw new InvalidOperationException("not listed");
}
