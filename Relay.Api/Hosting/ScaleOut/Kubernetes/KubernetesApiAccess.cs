namespace Relay.Api.Hosting.ScaleOut.Kubernetes;

/// <summary>
/// Where the Kubernetes API is and how this pod proves who it is: the in-cluster configuration every pod gets —
/// <c>KUBERNETES_SERVICE_HOST</c>/<c>_PORT</c> and the service-account token, CA and namespace files.
/// </summary>
/// <param name="BaseAddress">The API server, e.g. <c>https://10.96.0.1:443</c>.</param>
/// <param name="TokenPath">The service-account token; re-read for every request (Kubernetes rotates it).</param>
/// <param name="CaPath">The CA bundle that signs the API server's certificate.</param>
/// <param name="Namespace">The namespace the relay pods run in.</param>
internal sealed record KubernetesApiAccess(Uri BaseAddress, string TokenPath, string CaPath, string Namespace)
{
    /// <summary>Where Kubernetes mounts a pod's service-account token, CA and namespace.</summary>
    public const string ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>This pod's access; fails with what is missing when the relay does not run in a pod that has it.</summary>
    /// <exception cref="InvalidOperationException">Not in a pod, or no service-account token mounted.</exception>
    public static KubernetesApiAccess InCluster() => InCluster(Environment.GetEnvironmentVariable, ServiceAccountDirectory);

    /// <summary>The access described by <paramref name="environment"/> and the files in <paramref name="serviceAccount"/>.</summary>
    internal static KubernetesApiAccess InCluster(Func<string, string?> environment, string serviceAccount)
    {
        var host = environment("KUBERNETES_SERVICE_HOST");
        var port = environment("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrWhiteSpace(host) || string.IsNullOrWhiteSpace(port))
        {
            throw new InvalidOperationException(
                "kubernetes discovery needs the Kubernetes API: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set (not in a pod?)");
        }

        var token = Path.Combine(serviceAccount, "token");
        if (!File.Exists(token))
        {
            throw new InvalidOperationException(
                $"kubernetes discovery needs a service-account token at {token}; the Cilium chart does not mount one for the relay " +
                "(set serviceAccounts.relay.automount=true, see docs/deploy.md)");
        }

        var ns = File.ReadAllText(Path.Combine(serviceAccount, "namespace")).Trim();
        var hostPart = host.Contains(':') ? $"[{host}]" : host; // an IPv6 API server address
        return new KubernetesApiAccess(new Uri($"https://{hostPart}:{port}"), token, Path.Combine(serviceAccount, "ca.crt"), ns);
    }
}
