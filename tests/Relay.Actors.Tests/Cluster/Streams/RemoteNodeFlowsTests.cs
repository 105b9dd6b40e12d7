using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hubble.Flow;
using Hubble.Observer;
using Relay.Actors.Cluster.Streams;
using Relay.Actors.Flows;
using Relay.Actors.Peers;
using Relay.Actors.Tests.Fakes;
using Relay.Streams.Wire;
using Xunit.Abstractions;

namespace Relay.Actors.Tests.Cluster.Streams;

/// <summary>A node's GetFlows stream opened on one replica and served by the replica that owns the node.</summary>
public sealed class RemoteNodeFlowsTests(ITestOutputHelper output) : TwoReplicaTestKit(output)
{
    [Fact]
    public async Task History_ThroughOwner_ByteIdenticalToDirectCall()
    {
        var node = Fleet.Nodes[0];
        var request = new GetFlowsRequest { Number = 200 };

        var direct = await ReadAllAsync(Direct(node).GetFlowsAsync(request, new Metadata(), CancellationToken.None));
        var remote = await Remote.Open(CallerEntry(node), request, new Metadata(), CancellationToken.None)
            .RunWith(Sink.Seq<RawFlowResponse>(), CallerMaterializer)
            .WaitAsync(Guard);

        Assert.Equal(200, remote.Count);
        Assert.Equal(direct.Select(r => r.Payload), remote.Select(r => r.Payload));
        Assert.Equal(direct.Select(r => (r.NodeName, r.TimeNanos, r.Kind)), remote.Select(r => (r.NodeName, r.TimeNanos, r.Kind)));
        Assert.All(remote, r => Assert.Equal((node.PeerName, ResponseKind.Flow), (r.NodeName, r.Kind)));
    }

    [Fact]
    public async Task Follow_ThroughOwner_StreamsLiveFlows()
    {
        var node = Fleet.Nodes[1];
        var probe = Remote.Open(CallerEntry(node), new GetFlowsRequest { Follow = true }, new Metadata(), CancellationToken.None)
            .RunWith(this.SinkProbe<RawFlowResponse>(), CallerMaterializer);
        probe.Request(10);
        await UntilAsync(() => node.OpenGetFlowsStreams == 1);

        node.ProduceFlows(3);
        var live = probe.ExpectNextN(3).ToList();

        var produced = node.FlowsInRing().TakeLast(3).Select(f => f.Uuid);
        Assert.Equal(produced, live.Select(r => GetFlowsResponse.Parser.ParseFrom(r.Payload).Flow.Uuid));
        Assert.All(live, r => Assert.Equal((node.PeerName, ResponseKind.Flow), (r.NodeName, r.Kind)));
        probe.Cancel();
    }

    [Fact]
    public async Task SlowConsumer_OwnerPullsNoMoreThanTheStreamRefWindow()
    {
        var node = Fleet.Nodes[0];
        var window = ActorMaterializerSettings.Create(Sys).StreamRefSettings.BufferCapacity;
        var probe = Remote.Open(CallerEntry(node), new GetFlowsRequest { Number = RingFlows }, new Metadata(), CancellationToken.None)
            .RunWith(this.SinkProbe<RawFlowResponse>(), CallerMaterializer);

        // The node has every flow ready at once: an owner that read ahead of the caller would race to all of them.
        long consumed = 0;
        foreach (var batch in new[] { 5, 40, 100 })
        {
            probe.Request(batch);
            probe.ExpectNextN(batch);
            consumed += batch;

            // The caller tops its window up once half of it is free, so the owner settles between half and all of it.
            await UntilAsync(() => OwnerFlows.Pulled(node.PeerName) >= consumed + (window / 2));
            Assert.InRange(OwnerFlows.Pulled(node.PeerName), consumed + (window / 2), consumed + window);
        }

        probe.Cancel();
    }

    [Fact]
    public async Task CallerCancels_NodeCallOnOwnerEnds()
    {
        var node = Fleet.Nodes[0];
        var probe = Remote.Open(CallerEntry(node), new GetFlowsRequest { Follow = true, Number = 1 }, new Metadata(), CancellationToken.None)
            .RunWith(this.SinkProbe<RawFlowResponse>(), CallerMaterializer);
        probe.Request(1);
        probe.ExpectNext();
        Assert.Equal(1, node.OpenGetFlowsStreams);

        probe.Cancel();

        await UntilAsync(() => node.OpenGetFlowsStreams == 0);
    }

    [Fact]
    public async Task CallEnded_StreamCompletesAndNodeCallOnOwnerEnds()
    {
        var node = Fleet.Nodes[1];
        using var call = new CancellationTokenSource();
        var probe = Remote.Open(CallerEntry(node), new GetFlowsRequest { Follow = true, Number = 1 }, new Metadata(), call.Token)
            .RunWith(this.SinkProbe<RawFlowResponse>(), CallerMaterializer);
        probe.Request(5);
        probe.ExpectNext();

        await call.CancelAsync();

        probe.ExpectComplete();
        await UntilAsync(() => node.OpenGetFlowsStreams == 0);
    }

    [Fact]
    public async Task NodeRefusesCall_SameStatusAsDirectCall()
    {
        var node = Fleet.Nodes[0];
        node.FailRequests(StatusCode.PermissionDenied, "no flows for you");
        var request = new GetFlowsRequest { Number = 10 };

        var direct = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync(Direct(node).GetFlowsAsync(request, new Metadata(), CancellationToken.None)));
        var remote = await Assert.ThrowsAsync<RpcException>(() => Remote.Open(CallerEntry(node), request, new Metadata(), CancellationToken.None)
            .RunWith(Sink.Seq<RawFlowResponse>(), CallerMaterializer)
            .WaitAsync(Guard));

        Assert.Equal((StatusCode.PermissionDenied, "no flows for you"), (remote.StatusCode, remote.Status.Detail));
        Assert.Equal((direct.StatusCode, direct.Status.Detail), (remote.StatusCode, remote.Status.Detail));
    }

    [Fact]
    public async Task NodeRejectsFilter_SameStatusAsDirectCall()
    {
        var node = Fleet.Nodes[0];
        var request = new GetFlowsRequest { Number = 10, Whitelist = { new FlowFilter { HttpPath = { "(" } } } };

        var direct = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync(Direct(node).GetFlowsAsync(request, new Metadata(), CancellationToken.None)));
        var remote = await Assert.ThrowsAsync<RpcException>(() => Remote.Open(CallerEntry(node), request, new Metadata(), CancellationToken.None)
            .RunWith(Sink.Seq<RawFlowResponse>(), CallerMaterializer)
            .WaitAsync(Guard));

        Assert.Equal(StatusCode.InvalidArgument, remote.StatusCode);
        Assert.Equal((direct.StatusCode, direct.Status.Detail), (remote.StatusCode, remote.Status.Detail));
    }

    [Fact]
    public async Task NodeStopsMidStream_SameStatusAsDirectStream()
    {
        var node = Fleet.Nodes[1];
        var request = new GetFlowsRequest { Follow = true, Number = 1 };
        var owner = OwnerEntry(node.PeerName, node.Address);
        await SetOwnerNodeAsync(owner);
        var direct = DirectNodeFlows.Instance.Open(owner, request, new Metadata(), CancellationToken.None)
            .RunWith(this.SinkProbe<RawFlowResponse>(), CallerMaterializer);
        var remote = Remote.Open(CallerEntry(node), request, new Metadata(), CancellationToken.None)
            .RunWith(this.SinkProbe<RawFlowResponse>(), CallerMaterializer);
        direct.Request(10);
        remote.Request(10);
        direct.ExpectNext();
        remote.ExpectNext();

        await node.StopAsync();

        var directError = Assert.IsType<RpcException>(direct.ExpectError());
        var remoteError = Assert.IsType<RpcException>(remote.ExpectError());
        Assert.Equal((directError.StatusCode, directError.Status.Detail), (remoteError.StatusCode, remoteError.Status.Detail));
    }

    [Fact]
    public async Task NodeNotConnectedOnOwner_Unavailable()
    {
        var node = Fleet.Nodes[0];
        await SetOwnerNodeAsync(new NodeEntry(node.PeerName, node.Address, null, NodeState.Unavailable, FleetTime.GetUtcNow())
        {
            LastError = "Unavailable: connection refused",
        });

        var error = await Assert.ThrowsAsync<RpcException>(() => Remote.Open(CallerEntry(node), new GetFlowsRequest(), new Metadata(), CancellationToken.None)
            .RunWith(Sink.Seq<RawFlowResponse>(), CallerMaterializer)
            .WaitAsync(Guard));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal($"node {node.PeerName} is Unavailable: Unavailable: connection refused", error.Status.Detail);
    }

    [Fact]
    public async Task OwnerTerminates_CallerUnavailableWithinBound()
    {
        var node = Fleet.Nodes[0];
        var probe = Remote.Open(CallerEntry(node), new GetFlowsRequest { Follow = true, Number = 1 }, new Metadata(), CancellationToken.None)
            .RunWith(this.SinkProbe<RawFlowResponse>(), CallerMaterializer);
        probe.Request(10);
        probe.ExpectNext();

        await OwnerSystem.Terminate();

        // Whichever the caller sees first: the owner's actors stopping (the last element says so) or its stream's end.
        var error = Assert.IsType<RpcException>(probe.ExpectError());
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.StartsWith($"node {node.PeerName}: ", error.Status.Detail);
    }

    [Fact]
    public async Task ResponseLargerThanAkkaDefaultFrame_ArrivesWhole()
    {
        // Far above Akka.Remote's default 128 kB frame, still within what a node may send over gRPC (4 MB).
        var time = new Timestamp { Seconds = 1_700_000_000 };
        var big = RawFlowResponse.Parse(new GetFlowsResponse
        {
            Flow = new Hubble.Flow.Flow { Time = time, NodeName = "big", Uuid = new string('x', 1_000_000) },
            NodeName = "big",
            Time = time,
        }.ToByteArray());
        var misuse = new FakeMisuse();
        var client = new FakeNodeClient(misuse) { OnGetFlows = (_, _, _) => new[] { big }.ToAsyncEnumerable() };
        await SetOwnerNodeAsync(new NodeEntry("big", "", null, NodeState.Connected, FleetTime.GetUtcNow()) { Client = client });

        var flows = await Remote.Open(new NodeEntry("big", "", null, NodeState.Connected, DateTimeOffset.UnixEpoch), new GetFlowsRequest(), new Metadata(), CancellationToken.None)
            .RunWith(Sink.Seq<RawFlowResponse>(), CallerMaterializer)
            .WaitAsync(Guard);

        Assert.Equal(big.Payload, Assert.Single(flows).Payload);
        misuse.Verify();
    }

    [Fact]
    public async Task OwnerStopsServingNode_CallerUnavailableAndNodeCallEnds()
    {
        var node = Fleet.Nodes[1];
        var probe = Remote.Open(CallerEntry(node), new GetFlowsRequest { Follow = true, Number = 1 }, new Metadata(), CancellationToken.None)
            .RunWith(this.SinkProbe<RawFlowResponse>(), CallerMaterializer);
        probe.Request(10);
        probe.ExpectNext();

        await StopOwnerActorAsync();

        var error = Assert.IsType<RpcException>(probe.ExpectError());
        Assert.Equal((StatusCode.Unavailable, $"node {node.PeerName}: its owner replica stopped serving it"), (error.StatusCode, error.Status.Detail));
        await UntilAsync(() => node.OpenGetFlowsStreams == 0);
    }

    [Fact]
    public async Task OwnerLost_CallerUnavailableNamingTheOwner_AndNodeCallOnOwnerEnds()
    {
        var node = Fleet.Nodes[0];
        const string Owner = "akka.tcp://owner@127.0.0.1:4253";
        using var lost = new CancellationTokenSource();
        var asked = new List<string>();
        var flows = new RemoteNodeFlows(Ask, ownerLost: owner =>
        {
            asked.Add(owner);
            return lost.Token;
        });
        var probe = flows.Open(CallerEntry(node) with { Owner = Owner }, new GetFlowsRequest { Follow = true, Number = 1 }, new Metadata(), CancellationToken.None)
            .RunWith(this.SinkProbe<RawFlowResponse>(), CallerMaterializer);
        probe.Request(10);
        probe.ExpectNext();

        await lost.CancelAsync();

        var error = Assert.IsType<RpcException>(probe.ExpectError());
        Assert.Equal((StatusCode.Unavailable, $"node {node.PeerName}: its owner replica {Owner} is unreachable"), (error.StatusCode, error.Status.Detail));
        Assert.Equal([Owner], asked);
        await UntilAsync(() => node.OpenGetFlowsStreams == 0);
    }

    [Fact]
    public async Task OwnerAlreadyLost_CallerUnavailableWithoutWaiting()
    {
        var flows = new RemoteNodeFlows(Ask, ownerLost: _ => new CancellationToken(canceled: true));

        var error = await Assert.ThrowsAsync<RpcException>(() => flows.Open(
                CallerEntry(Fleet.Nodes[1]) with { Owner = "akka.tcp://owner@127.0.0.1:4253" }, new GetFlowsRequest { Follow = true }, new Metadata(), CancellationToken.None)
            .RunWith(Sink.Seq<RawFlowResponse>(), CallerMaterializer)
            .WaitAsync(Guard));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task OwnerDoesNotAnswer_UnavailableAfterOpenTimeout()
    {
        var silent = CreateTestProbe();
        var flows = new RemoteNodeFlows(
            (message, timeout, ct) => silent.Ref.Ask<object>(message, timeout, ct),
            new RemoteNodeSettings { OpenTimeout = TimeSpan.FromMilliseconds(200) });

        var error = await Assert.ThrowsAsync<RpcException>(() => flows.Open(CallerEntry(Fleet.Nodes[0]), new GetFlowsRequest(), new Metadata(), CancellationToken.None)
            .RunWith(Sink.Seq<RawFlowResponse>(), CallerMaterializer)
            .WaitAsync(Guard));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.IsType<OpenNodeFlows>(silent.ExpectMsg<OpenNodeFlows>());
    }
}
