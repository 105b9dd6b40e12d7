using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Hubble.Flow;
using Hubble.Observer;
using Relay.Protos.Tests.RoundTrip;

namespace Relay.Protos.Tests;

/// <summary>Fully populated messages survive serialize → parse → serialize unchanged.</summary>
public sealed class FlowRoundTripTests
{
    public static TheoryData<int> FlowVariants() => Variants(Flow.Descriptor);

    public static TheoryData<int> ResponseVariants() => Variants(GetFlowsResponse.Descriptor);

    [Fact]
    public void PopulatedFlow_AcrossVariants_SetsEveryReachableField()
    {
        var declared = Reachable.DeclaredFields(Flow.Descriptor);
        var set = new HashSet<string>();
        for (var variant = 0; variant < MessagePopulator.VariantCount(Flow.Descriptor); variant++)
        {
            set.UnionWith(Reachable.SetFields(MessagePopulator.Populate<Flow>(variant)));
        }

        Assert.Empty(declared.Except(set).Order(StringComparer.Ordinal));
        Assert.Contains("flow.Flow.time", set);
        Assert.Contains("flow.Layer4.IGMP", set);
    }

    [Fact]
    public void PopulatedGetFlowsResponses_WithEveryFlowVariant_SetEveryReachableField()
    {
        // Variants choose the same member index in nested oneofs (response_types and Layer7.record
        // both have three), so the Flow subtree is covered by wrapping every Flow variant.
        var declared = Reachable.DeclaredFields(GetFlowsResponse.Descriptor);
        var set = new HashSet<string>();
        for (var variant = 0; variant < MessagePopulator.VariantCount(GetFlowsResponse.Descriptor); variant++)
        {
            set.UnionWith(Reachable.SetFields(MessagePopulator.Populate<GetFlowsResponse>(variant)));
        }

        for (var variant = 0; variant < MessagePopulator.VariantCount(Flow.Descriptor); variant++)
        {
            set.UnionWith(Reachable.SetFields(ResponseCarrying(MessagePopulator.Populate<Flow>(variant))));
        }

        Assert.Empty(declared.Except(set).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(FlowVariants))]
    public void PopulatedFlow_SerializedAndParsed_IsEqualAndReserializesToSameBytes(int variant)
    {
        var flow = MessagePopulator.Populate<Flow>(variant);

        AssertRoundTrips(flow, Flow.Parser);
    }

    [Theory]
    [MemberData(nameof(ResponseVariants))]
    public void PopulatedGetFlowsResponse_SerializedAndParsed_IsEqualAndReserializesToSameBytes(int variant)
    {
        var response = MessagePopulator.Populate<GetFlowsResponse>(variant);

        AssertRoundTrips(response, GetFlowsResponse.Parser);
    }

    [Theory]
    [MemberData(nameof(FlowVariants))]
    public void GetFlowsResponse_CarryingPopulatedFlow_RoundTripsWithFlowIntact(int variant)
    {
        var flow = MessagePopulator.Populate<Flow>(variant);

        var parsed = AssertRoundTrips(ResponseCarrying(flow), GetFlowsResponse.Parser);

        Assert.Equal(GetFlowsResponse.ResponseTypesOneofCase.Flow, parsed.ResponseTypesCase);
        Assert.Equal(flow, parsed.Flow);
        Assert.Equal("kind/worker-1", parsed.NodeName);
    }

    private static GetFlowsResponse ResponseCarrying(Flow flow) => new()
    {
        NodeName = "kind/worker-1",
        Time = new Timestamp { Seconds = 1_700_000_000, Nanos = 5 },
        Flow = flow,
    };

    private static T AssertRoundTrips<T>(T original, MessageParser<T> parser)
        where T : IMessage<T>
    {
        var bytes = original.ToByteArray();
        var parsed = parser.ParseFrom(bytes);

        Assert.Equal(original, parsed);
        Assert.Equal(bytes, parsed.ToByteArray());
        return parsed;
    }

    private static TheoryData<int> Variants(Google.Protobuf.Reflection.MessageDescriptor root)
    {
        var data = new TheoryData<int>();
        for (var variant = 0; variant < MessagePopulator.VariantCount(root); variant++)
        {
            data.Add(variant);
        }

        return data;
    }
}
