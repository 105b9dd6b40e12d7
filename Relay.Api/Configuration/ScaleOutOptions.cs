using System.Globalization;

namespace Relay.Api.Configuration;

/// <summary>How this relay joins a relay cluster (<c>--scale-out</c> and the <c>--scale-out-*</c> settings).</summary>
public sealed record ScaleOutOptions
{
    /// <summary><c>--scale-out-listen-address</c>: where Akka remoting binds.</summary>
    public required ListenAddress ListenAddress { get; init; }

    /// <summary>
    /// <c>--scale-out-public-address</c> (else <c>POD_IP</c>): what the other replicas dial; null means this
    /// machine's host name. A port of 0 means the bound port.
    /// </summary>
    public ScaleOutAddress? PublicAddress { get; init; }

    /// <summary><c>--scale-out-discovery</c>.</summary>
    public required ScaleOutDiscovery Discovery { get; init; }

    /// <summary><c>--scale-out-seed-nodes</c>: replicas to join; empty founds a new cluster (seed-nodes discovery).</summary>
    public required IReadOnlyList<ScaleOutAddress> SeedNodes { get; init; }

    /// <summary><c>--scale-out-kubernetes-selector</c>: the label selector of the relay pods (kubernetes discovery).</summary>
    public required string KubernetesSelector { get; init; }

    /// <summary><c>--scale-out-kubernetes-required-pods</c>: relay pods to find before joining (kubernetes discovery).</summary>
    public required int KubernetesRequiredPods { get; init; }

    /// <summary>The Kubernetes API to list pods with; null: this pod's own (tests give a fake one).</summary>
    internal Hosting.ScaleOut.Kubernetes.KubernetesApiAccess? KubernetesApi { get; init; }

    /// <summary>Between two looks for the relay pods (kubernetes discovery).</summary>
    internal TimeSpan KubernetesLookInterval { get; init; } = TimeSpan.FromSeconds(2);

    internal IEnumerable<KeyValuePair<string, string>> Describe()
    {
        yield return Pair(RelaySettingKeys.ScaleOutListenAddress, ListenAddress.ToString());
        yield return Pair(RelaySettingKeys.ScaleOutPublicAddress, PublicAddress?.ToString() ?? "(host name)");
        yield return Pair(RelaySettingKeys.ScaleOutDiscovery, Discovery == ScaleOutDiscovery.Kubernetes ? "kubernetes" : "seed-nodes");
        if (Discovery == ScaleOutDiscovery.SeedNodes)
        {
            yield return Pair(RelaySettingKeys.ScaleOutSeedNodes, SeedNodes.Count == 0 ? "(none: founds a cluster)" : string.Join(",", SeedNodes));
            yield break;
        }

        yield return Pair(RelaySettingKeys.ScaleOutKubernetesSelector, KubernetesSelector);
        yield return Pair(RelaySettingKeys.ScaleOutKubernetesRequiredPods, KubernetesRequiredPods.ToString(CultureInfo.InvariantCulture));
    }

    private static KeyValuePair<string, string> Pair(string key, string value) => new(key, value);
}
