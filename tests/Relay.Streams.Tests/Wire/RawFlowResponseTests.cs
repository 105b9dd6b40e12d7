using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Hubble.Flow;
using Hubble.Observer;
using Hubble.Relay;
using Relay.Streams.Wire;

namespace Relay.Streams.Tests.Wire;

public sealed class RawFlowResponseTests
{
    private static readonly Timestamp Time = new() { Seconds = 1_700_000_123, Nanos = 456_789_012 };

    private static byte[] FlowResponse(string node) => new GetFlowsResponse
    {
        Flow = new Flow { Time = Time, NodeName = node, Uuid = "u-1", Verdict = Verdict.Forwarded },
        NodeName = node,
        Time = Time,
    }.ToByteArray();

    [Fact]
    public void Parse_FlowResponse_ReadsNodeNameTimeAndKind()
    {
        var raw = RawFlowResponse.Parse(FlowResponse("node-a"));

        Assert.Equal("node-a", raw.NodeName);
        Assert.Equal((1_700_000_123L * 1_000_000_000L) + 456_789_012L, raw.TimeNanos);
        Assert.Equal(ResponseKind.Flow, raw.Kind);
    }

    [Fact]
    public void Parse_KeepsPayloadBytesUnchanged()
    {
        var bytes = FlowResponse("node-a");

        var raw = RawFlowResponse.Parse(bytes);

        Assert.Equal(bytes, raw.Payload);
        Assert.Equal(GetFlowsResponse.Parser.ParseFrom(bytes), GetFlowsResponse.Parser.ParseFrom(raw.Payload));
    }

    [Fact]
    public void Parse_NodeStatusWithoutTime_HasNoTime()
    {
        var bytes = new GetFlowsResponse
        {
            NodeStatus = new NodeStatusEvent { StateChange = NodeState.NodeConnected, NodeNames = { "a" } },
        }.ToByteArray();

        var raw = RawFlowResponse.Parse(bytes);

        Assert.Null(raw.TimeNanos);
        Assert.Equal(string.Empty, raw.NodeName);
        Assert.Equal(ResponseKind.NodeStatus, raw.Kind);
    }

    [Fact]
    public void Parse_LostEvents_ReportsKind()
    {
        var bytes = new GetFlowsResponse
        {
            LostEvents = new LostEvent { NumEventsLost = 3, Source = LostEventSource.HubbleRingBuffer },
            NodeName = "n",
            Time = Time,
        }.ToByteArray();

        Assert.Equal(ResponseKind.LostEvents, RawFlowResponse.Parse(bytes).Kind);
    }

    [Fact]
    public void Parse_UnknownFieldsOfEveryWireType_AreSkipped()
    {
        var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        output.WriteTag(500, WireFormat.WireType.Varint);
        output.WriteUInt64(ulong.MaxValue);
        output.WriteTag(501, WireFormat.WireType.Fixed64);
        output.WriteFixed64(7);
        output.WriteTag(502, WireFormat.WireType.Fixed32);
        output.WriteFixed32(7);
        output.Flush();
        var bytes = stream.ToArray().Concat(FlowResponse("node-b")).ToArray();

        var raw = RawFlowResponse.Parse(bytes);

        Assert.Equal("node-b", raw.NodeName);
        Assert.NotNull(raw.TimeNanos);
    }

    [Fact]
    public void Parse_TruncatedMessage_Throws()
    {
        var bytes = FlowResponse("node-a");

        Assert.Throws<InvalidDataException>(() => RawFlowResponse.Parse(bytes[..^3]));
    }

    [Fact]
    public void Parse_WithCache_ReusesTheSameNameInstance()
    {
        var cache = new NodeNameCache();

        var first = RawFlowResponse.Parse(FlowResponse("node-a"), cache);
        var second = RawFlowResponse.Parse(FlowResponse("node-a"), cache);
        var other = RawFlowResponse.Parse(FlowResponse("node-b"), cache);

        Assert.Same(first.NodeName, second.NodeName);
        Assert.Equal("node-b", other.NodeName);
    }
}
