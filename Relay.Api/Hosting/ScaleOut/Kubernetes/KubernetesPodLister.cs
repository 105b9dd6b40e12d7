using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Relay.Api.Hosting.ScaleOut.Kubernetes;

/// <summary>
/// Lists the running relay pods through the Kubernetes API (<c>GET /api/v1/namespaces/{ns}/pods?labelSelector=</c>),
/// trusting only the service account's CA. Needs a Role allowing <c>list</c> on <c>pods</c> in the namespace.
/// </summary>
internal sealed class KubernetesPodLister : IDisposable
{
    /// <summary>A container port with this name gives a pod's cluster port (when replicas do not share one).</summary>
    public const string PortName = "scale-out";

    private readonly KubernetesApiAccess _access;
    private readonly X509Certificate2Collection _ca = [];
    private readonly HttpClient _http;

    public KubernetesPodLister(KubernetesApiAccess access)
    {
        _access = access;
        _ca.ImportFromPemFile(access.CaPath);
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(5),
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = TrustedByTheServiceAccountCa },
        };
        _http = new HttpClient(handler) { BaseAddress = access.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>The running pods matching <paramref name="selector"/> that have an IP.</summary>
    /// <exception cref="KubernetesApiException">The API refused or failed the request.</exception>
    public async Task<IReadOnlyList<RelayPod>> ListAsync(string selector, CancellationToken ct)
    {
        var token = (await File.ReadAllTextAsync(_access.TokenPath, ct).ConfigureAwait(false)).Trim();
        using var request = new HttpRequestMessage(
            HttpMethod.Get, $"api/v1/namespaces/{Uri.EscapeDataString(_access.Namespace)}/pods?labelSelector={Uri.EscapeDataString(selector)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new KubernetesApiException($"the Kubernetes API at {_access.BaseAddress} cannot be reached: {e.Message}", e);
        }

        using (response)
        {
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new KubernetesApiException(
                    $"the Kubernetes API refused to list pods in {_access.Namespace} ({(int)response.StatusCode} {response.StatusCode}): " +
                    "the relay's service account needs a Role allowing get and list on pods, bound to it (docs/deploy.md)");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new KubernetesApiException($"the Kubernetes API answered {(int)response.StatusCode} {response.StatusCode} to listing pods");
            }

            await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            using var list = await JsonDocument.ParseAsync(body, cancellationToken: ct).ConfigureAwait(false);
            return Running(list.RootElement);
        }
    }

    public void Dispose() => _http.Dispose();

    // Running and not being deleted, with an IP: a pod the others can reach.
    private static List<RelayPod> Running(JsonElement list)
    {
        var pods = new List<RelayPod>();
        if (!list.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return pods;
        }

        foreach (var item in items.EnumerateArray())
        {
            var metadata = item.GetProperty("metadata");
            var status = item.TryGetProperty("status", out var s) ? s : default;
            if (metadata.TryGetProperty("deletionTimestamp", out var deleting) && deleting.ValueKind != JsonValueKind.Null)
            {
                continue;
            }

            if (status.ValueKind != JsonValueKind.Object
                || Text(status, "phase") != "Running"
                || Text(status, "podIP") is not { Length: > 0 } ip)
            {
                continue;
            }

            pods.Add(new RelayPod(Text(metadata, "name") ?? ip, ip, NamedPort(item)));
        }

        return pods;
    }

    private static int? NamedPort(JsonElement pod)
    {
        if (!pod.TryGetProperty("spec", out var spec) || !spec.TryGetProperty("containers", out var containers))
        {
            return null;
        }

        foreach (var container in containers.EnumerateArray())
        {
            if (!container.TryGetProperty("ports", out var ports))
            {
                continue;
            }

            foreach (var port in ports.EnumerateArray())
            {
                if (Text(port, "name") == PortName && port.TryGetProperty("containerPort", out var number))
                {
                    return number.GetInt32();
                }
            }
        }

        return null;
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private bool TrustedByTheServiceAccountCa(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_ca);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return custom.Build(leaf);
    }
}
