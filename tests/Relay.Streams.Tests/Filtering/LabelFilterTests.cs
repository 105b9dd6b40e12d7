using Hubble.Flow;
using static Relay.Streams.Tests.Filtering.FilterAssert;

namespace Relay.Streams.Tests.Filtering;

public sealed class LabelFilterTests
{
    private static Flow WithSourceLabels(params string[] labels) => new() { Source = new Endpoint { Labels = { labels } } };

    private static bool SourceSelects(string selector, params string[] labels) =>
        Passes(Filter(f => f.SourceLabel.Add(selector)), WithSourceLabels(labels));

    [Theory]
    [InlineData("app=web", new[] { "k8s:app=web" }, true)]
    [InlineData("app=web", new[] { "k8s:app=db" }, false)]
    [InlineData("app==web", new[] { "k8s:app=web" }, true)]
    [InlineData("app", new[] { "k8s:app=web" }, true)]
    [InlineData("app", new[] { "k8s:tier=web" }, false)]
    [InlineData("!app", new[] { "k8s:tier=web" }, true)]
    [InlineData("!app", new[] { "k8s:app=web" }, false)]
    [InlineData("app!=web", new[] { "k8s:app=db" }, true)]
    [InlineData("app!=web", new[] { "k8s:tier=x" }, true)]
    [InlineData("app!=web", new[] { "k8s:app=web" }, false)]
    [InlineData("app in (web, db)", new[] { "k8s:app=db" }, true)]
    [InlineData("app in (web, db)", new[] { "k8s:app=cache" }, false)]
    [InlineData("app in (web, db)", new[] { "k8s:tier=x" }, false)]
    [InlineData("app notin (web,db)", new[] { "k8s:app=cache" }, true)]
    [InlineData("app notin (web,db)", new[] { "k8s:tier=x" }, true)]
    [InlineData("app notin (web,db)", new[] { "k8s:app=web" }, false)]
    [InlineData("replicas>2", new[] { "k8s:replicas=3" }, true)]
    [InlineData("replicas>2", new[] { "k8s:replicas=2" }, false)]
    [InlineData("replicas<2", new[] { "k8s:replicas=1" }, true)]
    [InlineData("replicas<2", new[] { "k8s:replicas=one" }, false)]
    [InlineData("app=web,tier=front", new[] { "k8s:app=web", "k8s:tier=front" }, true)]
    [InlineData("app=web,tier=front", new[] { "k8s:app=web", "k8s:tier=back" }, false)]
    [InlineData("app=web, !canary", new[] { "k8s:app=web" }, true)]
    [InlineData("app=", new[] { "k8s:app" }, true)]
    [InlineData("", new string[0], true)]
    [InlineData("   ", new[] { "k8s:app=web" }, true)]
    public void SourceLabel_KubernetesSelectorOperators(string selector, string[] labels, bool expected)
    {
        Assert.Equal(expected, SourceSelects(selector, labels));
    }

    [Theory]
    [InlineData("k8s:app=bar", new[] { "k8s:app=bar" }, true)]
    [InlineData("k8s:app=bar", new[] { "container:app=bar" }, false)]
    [InlineData("k8s:app=bar", new[] { "k8s.app=bar" }, false)]
    [InlineData("foo", new[] { "k8s:foo=baz" }, true)]
    [InlineData("foo", new[] { "container:foo" }, true)]
    [InlineData("reserved:host", new[] { "container:foo=bar", "reserved:host" }, true)]
    [InlineData("reserved:host", new[] { "$host" }, true)]
    [InlineData("reserved:host", new[] { "k8s:host" }, false)]
    [InlineData("any:key", new[] { "key" }, true)]
    [InlineData("any:key", new[] { "reserved:key" }, true)]
    [InlineData("any:key", new[] { "any.key" }, false)]
    [InlineData("io.kubernetes.pod.namespace=default", new[] { "k8s:io.kubernetes.pod.namespace=default" }, true)]
    [InlineData("k8s:io.cilium in (is-awesome,rocks)", new[] { "k8s:io.cilium=rocks" }, true)]
    [InlineData("k8s:app.kubernetes.io/name=web", new[] { "k8s:app.kubernetes.io/name=web" }, true)]
    [InlineData("label1=val1", new[] { "label1=val1=toomuch" }, false)]
    [InlineData("label1=val1", new[] { "" }, false)]
    [InlineData("!k8s:app", new[] { "container:app=x" }, true)]
    public void SourceLabel_CiliumSources_MatchLikeCilium(string selector, string[] labels, bool expected)
    {
        Assert.Equal(expected, SourceSelects(selector, labels));
    }

    [Theory]
    [InlineData("label3 notin ()", new[] { "label3=x" }, true)]
    [InlineData("label3 notin ()", new[] { "label3" }, false)]
    [InlineData("label3 in (a,)", new[] { "label3" }, true)]
    [InlineData("in", new[] { "in=x" }, true)]
    [InlineData("k in (in, notin)", new[] { "k=notin" }, true)]
    public void SourceLabel_UpstreamGrammarQuirks(string selector, string[] labels, bool expected)
    {
        Assert.Equal(expected, SourceSelects(selector, labels));
    }

    [Fact]
    public void SourceLabel_SeveralSelectors_AnyMaySelect()
    {
        var filter = Filter(f => f.SourceLabel.Add(["app=web", "app=db"]));

        Assert.True(Passes(filter, WithSourceLabels("k8s:app=db")));
        Assert.False(Passes(filter, WithSourceLabels("k8s:app=cache")));
    }

    [Fact]
    public void DestinationLabel_LooksAtDestinationOnly()
    {
        var filter = Filter(f => f.DestinationLabel.Add("app=db"));
        var toDb = new Flow { Destination = new Endpoint { Labels = { "k8s:app=db" } } };
        var fromDb = new Flow { Source = new Endpoint { Labels = { "k8s:app=db" } } };

        Assert.True(Passes(filter, toDb));
        Assert.False(Passes(filter, fromDb));
    }

    [Fact]
    public void NodeLabels_SelectsOnTheFlowsNodeLabels()
    {
        var filter = Filter(f => f.NodeLabels.Add("kubernetes.io/hostname=node-1"));

        Assert.True(Passes(filter, new Flow { NodeLabels = { "kubernetes.io/hostname=node-1" } }));
        Assert.False(Passes(filter, new Flow { NodeLabels = { "kubernetes.io/hostname=node-2" } }));
    }

    [Theory]
    [InlineData("source_label", "()")]
    [InlineData("source_label", "=")]
    [InlineData("source_label", "any:k8s:bla")]
    [InlineData("source_label", "app=web,")]
    [InlineData("source_label", "app in web")]
    [InlineData("source_label", "app in (a b)")]
    [InlineData("source_label", "app in (a")]
    [InlineData("destination_label", "app>x")]
    [InlineData("destination_label", "app=we b")]
    [InlineData("destination_label", "!app=x")]
    [InlineData("destination_label", "app=-web")]
    [InlineData("node_labels", ":app")]
    [InlineData("node_labels", "a/b/c")]
    [InlineData("node_labels", "app=web)")]
    public void InvalidSelector_IsRejectedWithItsFieldName(string field, string selector)
    {
        var filter = Filter(f =>
        {
            var list = field switch
            {
                "source_label" => f.SourceLabel,
                "destination_label" => f.DestinationLabel,
                _ => f.NodeLabels,
            };
            list.Add(selector);
        });

        Assert.Equal(field, Rejects(filter).Field);
    }
}
