using Relay.Benchmarks.E2e;

namespace Relay.Benchmarks.Tests;

public sealed class MetricsReadingTests
{
    private const string Exposition = """
        # HELP hubble_relay_nodes_owned Nodes this relay dials itself.
        # TYPE hubble_relay_nodes_owned gauge
        hubble_relay_nodes_owned_total 99
        hubble_relay_nodes_owned 11
        hubble_relay_pool_peer_connection_status{status="READY"} 30
        """;

    [Fact]
    public void Parse_UnlabelledSample_IsItsValue_NotALongerNamesOrAComment()
    {
        Assert.Equal(11, MetricsReading.Parse(Exposition, "hubble_relay_nodes_owned"));
    }

    [Fact]
    public void Parse_Missing_IsNull()
    {
        Assert.Null(MetricsReading.Parse(Exposition, "hubble_relay_nodes_available"));
    }
}
