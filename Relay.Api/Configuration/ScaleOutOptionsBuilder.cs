using K = Relay.Api.Configuration.RelaySettingKeys;

namespace Relay.Api.Configuration;

/// <summary>Reads the <c>--scale-out*</c> settings; null when scale-out is off (other scale-out keys then only warn).</summary>
internal static class ScaleOutOptionsBuilder
{
    private static readonly string[] ScaleOutKeys =
    [
        K.ScaleOutListenAddress, K.ScaleOutPublicAddress, K.ScaleOutDiscovery, K.ScaleOutSeedNodes,
        K.ScaleOutKubernetesSelector, K.ScaleOutKubernetesRequiredPods,
    ];

    private static readonly string[] SeedNodeKeys = [K.ScaleOutSeedNodes];

    private static readonly string[] KubernetesKeys = [K.ScaleOutKubernetesSelector, K.ScaleOutKubernetesRequiredPods];

    public static ScaleOutOptions? Build(
        SettingReader reader, IReadOnlyDictionary<string, string> environment, List<ConfigurationWarning> warnings)
    {
        if (!reader.Boolean(K.ScaleOut, false))
        {
            Unused(reader, warnings, ScaleOutKeys, $"has no effect without {K.ScaleOut}");
            return null;
        }

        var discovery = Discovery(reader);
        var publicAddress = PublicAddress(reader, environment);
        if (discovery == ScaleOutDiscovery.Kubernetes && publicAddress is null && !reader.IsSet(K.ScaleOutPublicAddress))
        {
            // Pods reach each other by IP: a pod's host name resolves nowhere else.
            reader.Error(K.ScaleOutDiscovery,
                $"kubernetes discovery needs the pod's IP: set {RelayDefaults.PodIpVariable} (fieldRef status.podIP) or {K.ScaleOutPublicAddress}");
        }

        Unused(reader, warnings, discovery == ScaleOutDiscovery.Kubernetes ? SeedNodeKeys : KubernetesKeys,
            $"has no effect with {K.ScaleOutDiscovery} {(discovery == ScaleOutDiscovery.Kubernetes ? "kubernetes" : "seed-nodes")}");
        return new ScaleOutOptions
        {
            ListenAddress = Listen(reader),
            PublicAddress = publicAddress,
            Discovery = discovery,
            SeedNodes = SeedNodes(reader),
            KubernetesSelector = Selector(reader),
            KubernetesRequiredPods = AtLeastOne(reader, K.ScaleOutKubernetesRequiredPods, RelayDefaults.ScaleOutKubernetesRequiredPods),
        };
    }

    private static ListenAddress Listen(SettingReader reader)
    {
        var text = reader.String(K.ScaleOutListenAddress, RelayDefaults.ScaleOutListenAddress);
        if (ListenAddress.TryParse(text, out var address, out var problem))
            return address;
        reader.Error(K.ScaleOutListenAddress, problem);
        ListenAddress.TryParse(RelayDefaults.ScaleOutListenAddress, out address, out _);
        return address!;
    }

    // The pod's IP unless told otherwise: a pod's host name is not resolvable by the other pods.
    private static ScaleOutAddress? PublicAddress(SettingReader reader, IReadOnlyDictionary<string, string> environment)
    {
        var text = reader.OptionalString(K.ScaleOutPublicAddress);
        if (text is null)
        {
            var podIp = environment.GetValueOrDefault(RelayDefaults.PodIpVariable)?.Trim();
            if (string.IsNullOrEmpty(podIp))
                return null;
            if (ScaleOutAddress.TryParse(podIp, portOptional: true, out var fromPod, out var podProblem))
                return fromPod;
            reader.Error(K.ScaleOutPublicAddress, $"{podProblem} (from env {RelayDefaults.PodIpVariable})");
            return null;
        }
        if (ScaleOutAddress.TryParse(text, portOptional: true, out var address, out var problem))
            return address;
        reader.Error(K.ScaleOutPublicAddress, problem);
        return null;
    }

    private static ScaleOutDiscovery Discovery(SettingReader reader)
    {
        var text = reader.String(K.ScaleOutDiscovery, "seed-nodes");
        switch (text.ToLowerInvariant())
        {
            case "seed-nodes":
                return ScaleOutDiscovery.SeedNodes;
            case "kubernetes":
                return ScaleOutDiscovery.Kubernetes;
            default:
                reader.Error(K.ScaleOutDiscovery, $"\"{text}\" is not a discovery method (seed-nodes or kubernetes)");
                return RelayDefaults.ScaleOutDiscovery;
        }
    }

    private static List<ScaleOutAddress> SeedNodes(SettingReader reader)
    {
        var seeds = new List<ScaleOutAddress>();
        foreach (var text in reader.List(K.ScaleOutSeedNodes))
        {
            if (ScaleOutAddress.TryParse(text, portOptional: false, out var seed, out var problem))
                seeds.Add(seed);
            else
                reader.Error(K.ScaleOutSeedNodes, problem);
        }
        return seeds;
    }

    private static string Selector(SettingReader reader)
    {
        var selector = reader.String(K.ScaleOutKubernetesSelector, RelayDefaults.ScaleOutKubernetesSelector).Trim();
        if (selector.Length == 0 || !selector.Contains('='))
            reader.Error(K.ScaleOutKubernetesSelector, $"\"{selector}\" is not a label selector (e.g. k8s-app=hubble-relay)");
        return selector;
    }

    private static int AtLeastOne(SettingReader reader, string key, int defaultValue)
    {
        var value = reader.Integer(key, defaultValue);
        if (value >= 1)
            return value;
        reader.Error(key, $"must be at least 1, got {value}");
        return defaultValue;
    }

    private static void Unused(SettingReader reader, List<ConfigurationWarning> warnings, IEnumerable<string> keys, string why)
    {
        foreach (var key in keys)
        {
            if (reader.Raw(key) is { } raw)
                warnings.Add(new ConfigurationWarning(key, $"{why} (from {raw.Origin})"));
        }
    }
}
