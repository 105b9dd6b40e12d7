using Grpc.Core;
using Relay.Actors.Peers;
using Relay.Api.Metrics;

namespace Relay.Api.Tests.Metrics;

/// <summary>Label values spelled as the upstream relay spells them.</summary>
public sealed class MetricNamingTests
{
    [Theory]
    [InlineData(StatusCode.OK, "OK")]
    [InlineData(StatusCode.Cancelled, "Canceled")]
    [InlineData(StatusCode.DeadlineExceeded, "DeadlineExceeded")]
    [InlineData(StatusCode.Unavailable, "Unavailable")]
    [InlineData(StatusCode.Unauthenticated, "Unauthenticated")]
    public void GrpcCode_IsGrpcGoSpelling(StatusCode code, string expected) =>
        Assert.Equal(expected, GrpcCodeNames.Of(code));

    [Fact]
    public void GrpcCodes_AreTheSeventeenOfGrpc() =>
        Assert.Equal(17, GrpcCodeNames.All.Select(GrpcCodeNames.Of).Distinct().Count());

    [Theory]
    [InlineData(MethodType.Unary, "unary")]
    [InlineData(MethodType.ServerStreaming, "server_stream")]
    [InlineData(MethodType.ClientStreaming, "client_stream")]
    [InlineData(MethodType.DuplexStreaming, "bidi_stream")]
    public void GrpcType_IsGoGrpcPrometheusSpelling(MethodType type, string expected) =>
        Assert.Equal(expected, GrpcMethodType.Of(type));

    [Theory]
    [InlineData("/observer.Observer/GetFlows", "observer.Observer", "GetFlows")]
    [InlineData("/grpc.health.v1.Health/Check", "grpc.health.v1.Health", "Check")]
    public void FullMethod_SplitsIntoServiceAndMethod(string fullMethod, string service, string method) =>
        Assert.Equal((service, method), GrpcServerMetrics.Split(fullMethod));

    [Theory]
    [InlineData(NodeState.Connecting, "CONNECTING")]
    [InlineData(NodeState.Connected, "READY")]
    [InlineData(NodeState.Unavailable, "TRANSIENT_FAILURE")]
    [InlineData(NodeState.Gone, "SHUTDOWN")]
    public void NodeState_MapsToUpstreamConnectionStatus(NodeState state, string expected) =>
        Assert.Equal(expected, PeerPoolMetrics.StatusOf(state));
}
