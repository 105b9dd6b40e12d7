using Hubble.Flow;
using static Relay.Streams.Tests.Filtering.FilterAssert;

namespace Relay.Streams.Tests.Filtering;

public sealed class NamespacedNameFilterTests
{
    private static Flow PodsFlow(
        string sourceNamespace,
        string sourcePod,
        string destinationNamespace = "other",
        string destinationPod = "x") =>
        new()
        {
            Source = new Endpoint { Namespace = sourceNamespace, PodName = sourcePod },
            Destination = new Endpoint { Namespace = destinationNamespace, PodName = destinationPod },
        };

    [Theory]
    [InlineData("xwing", "default", "xwing", true)]
    [InlineData("xwing", "default", "xwing-6f7b", true)]
    [InlineData("xwing", "kube-system", "xwing", false)]
    [InlineData("default/tiefighter", "default", "tiefighter", true)]
    [InlineData("kube-system/", "kube-system", "coredns-1234", true)]
    [InlineData("kube-system/", "default", "coredns-1234", false)]
    [InlineData("kube-system/coredns-", "kube-system", "coredns-1234", true)]
    [InlineData("kube-system/coredns-", "kube-system", "-coredns-1234", false)]
    [InlineData("xwing", "", "xwing", false)]
    [InlineData("xwing", "", "", false)]
    public void SourcePod_NamespaceAndNamePrefix_MatchesLikeHubble(string value, string ns, string pod, bool expected)
    {
        Assert.Equal(expected, Passes(Filter(f => f.SourcePod.Add(value)), PodsFlow(ns, pod)));
    }

    [Fact]
    public void DestinationPod_LooksAtDestinationOnly()
    {
        var filter = Filter(f => f.DestinationPod.Add("default/deathstar"));

        Assert.True(Passes(filter, PodsFlow("default", "xwing", "default", "deathstar")));
        Assert.False(Passes(filter, PodsFlow("default", "deathstar", "default", "xwing")));
    }

    [Fact]
    public void SourcePod_NoSourceEndpoint_DoesNotMatch()
    {
        Assert.False(Passes(Filter(f => f.SourcePod.Add("default/")), new Flow()));
    }

    [Fact]
    public void SourceAndDestinationService_MatchTheirOwnService()
    {
        var flow = new Flow
        {
            SourceService = new Service { Namespace = "default", Name = "frontend" },
            DestinationService = new Service { Namespace = "kube-system", Name = "kube-dns" },
        };

        Assert.True(Passes(Filter(f => f.SourceService.Add("front")), flow));
        Assert.True(Passes(Filter(f => f.DestinationService.Add("kube-system/kube-")), flow));
        Assert.False(Passes(Filter(f => f.SourceService.Add("kube-system/")), flow));
        Assert.False(Passes(Filter(f => f.DestinationService.Add("frontend")), flow));
    }

    [Theory]
    [InlineData("source_pod", "")]
    [InlineData("destination_pod", "/")]
    [InlineData("source_service", "")]
    [InlineData("destination_service", "/")]
    public void EmptyName_IsRejectedWithItsFieldName(string field, string value)
    {
        var filter = Filter(f =>
        {
            var list = field switch
            {
                "source_pod" => f.SourcePod,
                "destination_pod" => f.DestinationPod,
                "source_service" => f.SourceService,
                _ => f.DestinationService,
            };
            list.Add(value);
        });

        Assert.Equal(field, Rejects(filter).Field);
    }
}
