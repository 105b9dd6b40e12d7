using Hubble.Flow;
using static Relay.Streams.Tests.Filtering.FilterAssert;

namespace Relay.Streams.Tests.Filtering;

public sealed class NamePatternFilterTests
{
    [Theory]
    [InlineData("cilium.io", "cilium.io", true)]
    [InlineData("cilium.io", "ebpf.io", false)]
    [InlineData("Cilium.IO.", "cilium.io", true)]
    [InlineData("cilium.io.", "cilium.io.", false)]
    [InlineData("*.cilium.io", "docs.cilium.io", true)]
    [InlineData("*.cilium.io", "cilium.io", false)]
    [InlineData("*.org", "multiple.domains.org", true)]
    [InlineData("*", "anything.really", true)]
    [InlineData("*", "", true)]
    [InlineData("api.*.svc", "api.prod.svc", true)]
    [InlineData("cilium.io", "www.cilium.io", false)]
    public void SourceFqdn_PatternWithWildcards_MatchesSourceNames(string pattern, string name, bool expected)
    {
        var flow = new Flow { SourceNames = { "unrelated.example", name } };

        Assert.Equal(expected, Passes(Filter(f => f.SourceFqdn.Add(pattern)), flow));
    }

    [Fact]
    public void DestinationFqdn_LooksAtDestinationNamesOnly()
    {
        var filter = Filter(f => f.DestinationFqdn.Add("ebpf.io"));

        Assert.True(Passes(filter, new Flow { DestinationNames = { "ebpf.io" } }));
        Assert.False(Passes(filter, new Flow { SourceNames = { "ebpf.io" } }));
        Assert.False(Passes(filter, new Flow()));
    }

    [Theory]
    [InlineData("source_fqdn", "")]
    [InlineData("source_fqdn", "cilium.io..")]
    [InlineData("destination_fqdn", ".")]
    [InlineData("destination_fqdn", "cilium|io")]
    [InlineData("node_name", "")]
    [InlineData("node_name", "cluster|name/")]
    [InlineData("node_name", "cluster-name/node|name")]
    [InlineData("node_name", "cluster-name/node-name/more")]
    public void InvalidPattern_IsRejectedWithItsFieldName(string field, string pattern)
    {
        var filter = Filter(f =>
        {
            var list = field switch
            {
                "source_fqdn" => f.SourceFqdn,
                "destination_fqdn" => f.DestinationFqdn,
                _ => f.NodeName,
            };
            list.Add(pattern);
        });

        Assert.Equal(field, Rejects(filter).Field);
    }

    [Theory]
    [InlineData("/", "default/k8s1", true)]
    [InlineData("/", "k8s1", true)]
    [InlineData("/", "", false)]
    [InlineData("cluster-name/", "cluster-name/k8s1", true)]
    [InlineData("cluster-name/", "default/k8s1", false)]
    [InlineData("cluster-name/", "k8s1", false)]
    [InlineData("k8s1", "default/k8s1", true)]
    [InlineData("k8s1", "k8s1", true)]
    [InlineData("k8s1", "other/k8s1", true)]
    [InlineData("k8s1", "default/k8s2", false)]
    [InlineData("k8s*", "k8s1", true)]
    [InlineData("k8s*", "runtime1", false)]
    [InlineData("cluster-*/k8s1", "cluster-1/k8s1", true)]
    [InlineData("cluster-*/k8s1", "k8s1", false)]
    [InlineData("default/k8s1", "k8s1", true)]
    [InlineData("cluster-name/*.com", "cluster-name/foo.bar.com", true)]
    [InlineData("cluster-name/*.com", "cluster-name/foo.com.org", false)]
    public void NodeName_ClusterAndNodePatterns_MatchLikeHubble(string pattern, string nodeName, bool expected)
    {
        Assert.Equal(expected, Passes(Filter(f => f.NodeName.Add(pattern)), new Flow { NodeName = nodeName }));
    }

    [Fact]
    public void NodeName_VeryLongNameWithoutCluster_StillMatches()
    {
        var longName = new string('a', 300);

        Assert.True(Passes(Filter(f => f.NodeName.Add("default/a*")), new Flow { NodeName = longName }));
    }

    [Theory]
    [InlineData(@".*\.com$", "cilium.com", true)]
    [InlineData(@"\.io", "cilium.io", true)]
    [InlineData(@".*\.com$", "cilium.io", false)]
    [InlineData("^$", "", true)]
    public void DnsQuery_Regex_MatchesQuery(string pattern, string query, bool expected)
    {
        var flow = new Flow { L7 = new Layer7 { Dns = new DNS { Query = query } } };

        Assert.Equal(expected, Passes(Filter(f => f.DnsQuery.Add(pattern)), flow));
    }

    [Fact]
    public void DnsQuery_FlowWithoutDns_DoesNotMatch()
    {
        Assert.False(Passes(Filter(f => f.DnsQuery.Add(".*")), new Flow()));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("(unclosed")]
    [InlineData(@"(a)\1")]
    public void DnsQuery_InvalidRegex_IsRejectedWithItsFieldName(string pattern)
    {
        var error = Rejects(Filter(f => f.DnsQuery.Add(pattern)));

        Assert.Equal("dns_query", error.Field);
        Assert.Contains(pattern, error.Message);
    }
}
