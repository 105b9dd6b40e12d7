using Relay.Api.Tests.EndToEnd;

namespace Relay.Api.Tests.Metrics;

/// <summary>Metrics are off unless <c>--metrics-listen-address</c> is given, as upstream.</summary>
public sealed class MetricsOffTests
{
    [Fact]
    public async Task NoMetricsAddress_ServesNoMetricsEndpoint()
    {
        await using var relay = await RelayHarness.StartRelayAsync("127.0.0.1:1");

        Assert.Equal(string.Empty, relay.MetricsAddress);
        Assert.NotEqual(string.Empty, relay.ListenAddress);
    }
}
