using System.Globalization;
using Relay.Image.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Relay.Image.Tests.Deploy;

/// <summary>
/// <c>deploy/helm/values-scale-out.yaml</c> and <c>deploy/scale-out/rbac.yaml</c>: several replicas with kubernetes
/// discovery get what discovery needs (a token, the pod IP, a Role to list pods) and keep what values.yaml set.
/// </summary>
public sealed class HelmScaleOutValuesTests
{
    private static readonly YamlMappingNode Overlay = Load(Path.Combine(RelayLocations.RepositoryRoot, "deploy", "helm", "values-scale-out.yaml"))[0];
    private static readonly YamlMappingNode Relay = (YamlMappingNode)Overlay["hubble"]["relay"];

    [Fact]
    public void Overlay_SeveralReplicasWithKubernetesDiscoveryWaitingForAllOfThem()
    {
        var replicas = int.Parse(Scalar(Relay, "replicas"), CultureInfo.InvariantCulture);
        var env = Env(Relay);

        Assert.True(replicas >= 2);
        Assert.Equal("true", Value(env["RELAY_SCALE_OUT"]));
        Assert.Equal("kubernetes", Value(env["RELAY_SCALE_OUT_DISCOVERY"]));
        Assert.Equal(replicas.ToString(CultureInfo.InvariantCulture), Value(env["RELAY_SCALE_OUT_KUBERNETES_REQUIRED_PODS"]));
    }

    [Fact]
    public void Overlay_MountsTheTokenAndGivesThePodIp()
    {
        Assert.Equal("true", Scalar(Overlay["serviceAccounts"]["relay"], "automount"));
        Assert.Equal("status.podIP", Scalar(Env(Relay)["POD_IP"]["valueFrom"]["fieldRef"], "fieldPath"));
    }

    [Fact]
    public void Overlay_KeepsEveryEnvironmentEntryOfValuesYamlAndItsGraceFitsThePods()
    {
        var single = Env((YamlMappingNode)Load(RelayLocations.HelmValues)[0]["hubble"]["relay"]);
        var env = Env(Relay);

        Assert.All(single.Keys, name => Assert.Contains(name, env.Keys)); // Helm replaces lists, it does not merge them
        var podGrace = TimeSpan.FromSeconds(int.Parse(Scalar(Relay, "terminationGracePeriodSeconds"), CultureInfo.InvariantCulture));
        var relayGrace = TimeSpan.FromSeconds(double.Parse(Value(env["RELAY_SHUTDOWN_GRACE_PERIOD"]).TrimEnd('s'), CultureInfo.InvariantCulture));
        Assert.True(relayGrace < podGrace, $"relay grace {relayGrace} must stay under the pod's {podGrace}");
    }

    [Fact]
    public void Rbac_TheRelayServiceAccountMayListPodsAndNothingElse()
    {
        var documents = Load(Path.Combine(RelayLocations.RepositoryRoot, "deploy", "scale-out", "rbac.yaml"));
        var role = documents.Single(d => Scalar(d, "kind") == "Role");
        var binding = documents.Single(d => Scalar(d, "kind") == "RoleBinding");

        var rule = Assert.Single(((YamlSequenceNode)role["rules"]).Children);
        Assert.Equal(["pods"], Items(rule["resources"]));
        Assert.Equal(["get", "list"], Items(rule["verbs"]));
        Assert.Equal(Scalar(role["metadata"], "name"), Scalar(binding["roleRef"], "name"));
        var subject = Assert.Single(((YamlSequenceNode)binding["subjects"]).Children);
        Assert.Equal(("ServiceAccount", "hubble-relay"), (Scalar(subject, "kind"), Scalar(subject, "name")));
    }

    private static List<YamlMappingNode> Load(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    private static Dictionary<string, YamlMappingNode> Env(YamlMappingNode relay) =>
        ((YamlSequenceNode)relay["extraEnv"]).Children.Cast<YamlMappingNode>().ToDictionary(e => Scalar(e, "name"));

    private static string Value(YamlMappingNode entry) => Scalar(entry, "value");

    private static List<string> Items(YamlNode node) => ((YamlSequenceNode)node).Children.Select(c => c.ToString()).ToList();

    private static string Scalar(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node)[key]).Value ?? string.Empty;
}
