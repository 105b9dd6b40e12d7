using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hubble.Observer;
using Relay.Api.Grpc;

namespace Relay.Api.Tests.Grpc;

public sealed class FlowRequestValidatorTests
{
    private static readonly Timestamp Early = new() { Seconds = 1_700_000_000 };
    private static readonly Timestamp Late = new() { Seconds = 1_700_000_100 };

    public static TheoryData<string, GetFlowsRequest, string> InvalidRequests => new()
    {
        { "first with follow", new GetFlowsRequest { First = true, Follow = true, Number = 5 }, "first:" },
        { "first without number", new GetFlowsRequest { First = true }, "first:" },
        { "number with since", new GetFlowsRequest { Number = 5, Since = Early }, "number:" },
        { "number with until", new GetFlowsRequest { Number = 5, Until = Late }, "number:" },
        { "number too large", new GetFlowsRequest { Number = ulong.MaxValue }, "number:" },
        { "since after until", new GetFlowsRequest { Since = Late, Until = Early }, "since:" },
        { "since out of range", new GetFlowsRequest { Since = new Timestamp { Seconds = 1, Nanos = -1 } }, "since:" },
        { "unknown mask path", new GetFlowsRequest { FieldMask = new FieldMask { Paths = { "source.pod_name", "nope" } } }, "field_mask: \"nope\"" },
    };

    public static TheoryData<string, GetFlowsRequest> ValidRequests => new()
    {
        { "empty (hubble's defaults)", new GetFlowsRequest() },
        { "last 20", new GetFlowsRequest { Number = 20 } },
        { "first 20", new GetFlowsRequest { Number = 20, First = true } },
        { "follow with last 20", new GetFlowsRequest { Number = 20, Follow = true } },
        { "since and until", new GetFlowsRequest { Since = Early, Until = Late } },
        { "follow since", new GetFlowsRequest { Follow = true, Since = Early } },
        { "field mask", new GetFlowsRequest { FieldMask = new FieldMask { Paths = { "time", "source.pod_name", "verdict" } } } },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public void Validate_InvalidRequest_ThrowsInvalidArgumentNamingTheField(string _, GetFlowsRequest request, string field)
    {
        var error = Assert.Throws<RpcException>(() => FlowRequestValidator.Validate(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(field, error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ValidRequests))]
    public void Check_ValidRequest_ReturnsNull(string _, GetFlowsRequest request)
    {
        Assert.Null(FlowRequestValidator.Check(request));
    }
}
