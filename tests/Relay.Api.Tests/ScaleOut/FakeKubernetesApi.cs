using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Relay.Api.Hosting.ScaleOut.Kubernetes;
using Relay.Fleet.Tls;

namespace Relay.Api.Tests.ScaleOut;

/// <summary>
/// The one Kubernetes API call the relay makes — list the pods of a namespace by label — over HTTPS with its own
/// CA, plus the service-account files a pod would have, so that kubernetes discovery runs for real on loopback.
/// </summary>
internal sealed class FakeKubernetesApi : IAsyncDisposable
{
    public const string Namespace = "kube-system";
    public const string Token = "relay-service-account-token";

    private readonly WebApplication _app;
    private readonly string _directory;
    private readonly ConcurrentDictionary<string, (string Ip, int Port, string Phase)> _pods = new();
    private readonly ConcurrentQueue<(string? Authorization, string? Selector)> _requests = new();

    private FakeKubernetesApi(WebApplication app, string directory, KubernetesApiAccess access)
    {
        _app = app;
        _directory = directory;
        Access = access;
    }

    /// <summary>What a relay pod would read from its environment and service-account mount.</summary>
    public KubernetesApiAccess Access { get; }

    /// <summary>Answer 403, as without a RoleBinding.</summary>
    public bool Forbidden { get; set; }

    public IReadOnlyCollection<(string? Authorization, string? Selector)> Requests => _requests;

    public static async Task<FakeKubernetesApi> StartAsync()
    {
        var ca = FleetCertificateAuthority.Create("kubernetes-ca");
        var server = ca.IssueServer("kubernetes.default.svc");
        var directory = Directory.CreateTempSubdirectory("relay-sa-").FullName;
        var tokenPath = Path.Combine(directory, "token");
        var caPath = Path.Combine(directory, "ca.crt");
        await File.WriteAllTextAsync(tokenPath, Token + "\n");
        await File.WriteAllTextAsync(caPath, ca.Certificate.ExportCertificatePem() + "\n");

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(server);
        }));
        var app = builder.Build();
        FakeKubernetesApi? api = null;
        app.MapGet("/api/v1/namespaces/{ns}/pods", (HttpContext context, string ns) => api!.ListPods(context, ns));
        await app.StartAsync();
        var port = new Uri(app.Urls.First()).Port;
        api = new FakeKubernetesApi(app, directory, new KubernetesApiAccess(new Uri($"https://127.0.0.1:{port}"), tokenPath, caPath, Namespace));
        return api;
    }

    /// <summary>Lists a relay pod (its cluster port as the container port named <c>scale-out</c>).</summary>
    public void AddPod(string name, string ip, int port, string phase = "Running") => _pods[name] = (ip, port, phase);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private IResult ListPods(HttpContext context, string ns)
    {
        _requests.Enqueue((context.Request.Headers.Authorization.ToString(), context.Request.Query["labelSelector"].ToString()));
        if (Forbidden || context.Request.Headers.Authorization != $"Bearer {Token}")
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var items = ns != Namespace ? [] : _pods.Select(p => new
        {
            metadata = new { name = p.Key, @namespace = ns },
            spec = new { containers = new[] { new { name = "hubble-relay", ports = new[] { new { name = "scale-out", containerPort = p.Value.Port } } } } },
            status = new { phase = p.Value.Phase, podIP = p.Value.Ip },
        }).ToArray();
        return Results.Text(JsonSerializer.Serialize(new { kind = "PodList", apiVersion = "v1", items }), "application/json");
    }
}
