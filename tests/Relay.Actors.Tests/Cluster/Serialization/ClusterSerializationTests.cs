using System.Runtime.Serialization;
using Akka.Serialization;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.Serialization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hubble.Flow;
using Hubble.Observer;
using Relay.Actors.Cluster.Serialization;
using Relay.Actors.Cluster.Streams;
using Relay.Streams.Wire;
using Xunit.Abstractions;

namespace Relay.Actors.Tests.Cluster.Serialization;

/// <summary>What crosses replicas, serialized as <c>hocon/serialization.hocon</c> binds it.</summary>
public sealed class ClusterSerializationTests(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(ReplicaConfig.Create(), "serialization", output)
{
    public static TheoryData<IMessage> ProtobufMessages() => new()
    {
        new OpenNodeFlows
        {
            NodeName = "cluster/node-1",
            Request = new GetFlowsRequest
            {
                Number = 20,
                Follow = true,
                Since = new Timestamp { Seconds = 1_700_000_000, Nanos = 7 },
                Whitelist = { new FlowFilter { SourcePod = { "kube-system/" }, Verdict = { Verdict.Dropped } } },
            },
            Headers =
            {
                new CallHeader { Key = "x-caller", Text = "abc" },
                new CallHeader { Key = "x-trace-bin", Binary = ByteString.CopyFrom(0, 1, 254) },
            },
        },
        new OpenNodeAgentEvents { NodeName = "node-1", Request = new GetAgentEventsRequest { Number = 3, Follow = true } },
        new OpenNodeDebugEvents { NodeName = "node-1", Request = new GetDebugEventsRequest { Number = 4 } },
        new QueryNodeServerStatus { NodeName = "node-1", Timeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(2)) },
        new QueryNodeNamespaces
        {
            NodeName = "node-1",
            Request = new GetNamespacesRequest(),
            Headers = { new CallHeader { Key = "authorization", Text = "Bearer x" } },
            Timeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(5)),
        },
        NodeCallFailure.Of("node-1", StatusCode.InvalidArgument, "http_path: invalid regular expression"),
        new CallHeader { Key = "x-caller", Text = "abc" },
        new GetFlowsRequest { Number = 5, First = true },
        new ServerStatusResponse { Version = "1.19.0", NumFlows = 4095, MaxFlows = 4095, SeenFlows = 10_000, UptimeNs = 99 },
        new GetNamespacesResponse { Namespaces = { new Namespace { Cluster = "c1", Namespace_ = "kube-system" } } },
        new GetAgentEventsResponse { NodeName = "node-1", Time = new Timestamp { Seconds = 5 } },
    };

    [Theory]
    [MemberData(nameof(ProtobufMessages))]
    public void ProtobufMessage_BoundToRelaySerializer_RoundTrips(IMessage message)
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);

        var copy = RoundTrip(message, serializer);

        Assert.IsType<ProtobufMessageSerializer>(serializer);
        Assert.Equal(message, copy);
    }

    [Fact]
    public void RawFlowResponse_BoundToRawSerializer_BytesUnchangedAndKeysReadBack()
    {
        var time = new Timestamp { Seconds = 1_700_000_123, Nanos = 456 };
        var bytes = new GetFlowsResponse
        {
            Flow = new Hubble.Flow.Flow { Time = time, NodeName = "cluster/node-1", Uuid = "u-1", Verdict = Verdict.Forwarded },
            NodeName = "cluster/node-1",
            Time = time,
        }.ToByteArray();
        var response = RawFlowResponse.Parse(bytes);
        var serializer = Sys.Serialization.FindSerializerFor(response);

        var copy = Assert.IsType<RawFlowResponse>(RoundTrip(response, serializer));

        Assert.IsType<RawFlowResponseSerializer>(serializer);
        Assert.Same(bytes, serializer.ToBinary(response));
        Assert.Equal(bytes, copy.Payload);
        Assert.Equal(("cluster/node-1", (1_700_000_123L * 1_000_000_000L) + 456, ResponseKind.Flow), (copy.NodeName, copy.TimeNanos, copy.Kind));
    }

    [Fact]
    public async Task SourceRef_BoundToStreamRefSerializer()
    {
        var sourceRef = await Source.Empty<object>().RunWith(StreamRefs.SourceRef<object>(), Sys.Materializer());

        Assert.IsType<StreamRefSerializer>(Sys.Serialization.FindSerializerFor(sourceRef));
    }

    [Fact]
    public void NothingThatCrosses_FallsBackToJson()
    {
        object[] crossing = [new OpenNodeFlows(), NodeCallFailure.Of("n", StatusCode.Unavailable, "x"), new ServerStatusResponse(), RawFlowResponse.Parse([])];

        Assert.All(crossing, message => Assert.IsNotType<NewtonSoftJsonSerializer>(Sys.Serialization.FindSerializerFor(message)));
    }

    [Fact]
    public void Manifest_NotAProtobufMessage_Refused()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(new GetFlowsRequest());

        Assert.Throws<SerializationException>(() => serializer.FromBinary([], "System.String, System.Private.CoreLib"));
        Assert.Throws<SerializationException>(() => serializer.FromBinary([], "No.Such.Type, Nowhere"));
    }

    [Fact]
    public void StreamRefSettings_FromSerializationHocon()
    {
        var settings = ActorMaterializerSettings.Create(Sys).StreamRefSettings;

        Assert.Equal((32, TimeSpan.FromSeconds(10)), (settings.BufferCapacity, settings.SubscriptionTimeout));
    }

    /// <summary>Out through the serializer Akka picked, back in by its id and manifest, as a remote message travels.</summary>
    private object RoundTrip(object message, Serializer serializer)
    {
        var bytes = Sys.Serialization.Serialize(message);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        return Sys.Serialization.Deserialize(bytes, serializer.Identifier, manifest);
    }
}
