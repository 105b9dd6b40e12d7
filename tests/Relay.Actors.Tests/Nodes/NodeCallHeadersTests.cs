using Grpc.Core;
using Relay.Actors.Nodes;

namespace Relay.Actors.Tests.Nodes;

public sealed class NodeCallHeadersTests
{
    [Fact]
    public void Build_KeepsCallerMetadataDropsTransportHeadersAndAddsTheVersion()
    {
        var caller = new Metadata
        {
            { "authorization", "Bearer t" },
            { "x-trace-bin", new byte[] { 1, 2 } },
            { "user-agent", "hubble-cli" },
            { "grpc-timeout", "5S" },
            { "te", "trailers" },
            { "hubble-relay-version", "spoofed" },
        };

        var headers = NodeCallHeaders.Build(caller, "1.2.3");

        Assert.Equal(
            ["authorization", "x-trace-bin", "hubble-relay-version"],
            headers.Select(h => h.Key));
        Assert.Equal("1.2.3", headers.GetValue("hubble-relay-version"));
        Assert.Equal(new byte[] { 1, 2 }, headers.GetValueBytes("x-trace-bin"));
    }

    [Fact]
    public void Build_NoCallerMetadata_OnlyTheVersion() =>
        Assert.Equal("hubble-relay-version", Assert.Single(NodeCallHeaders.Build(null, "1.2.3")).Key);
}
