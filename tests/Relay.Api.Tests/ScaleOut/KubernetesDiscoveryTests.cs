using Relay.Api.Hosting.ScaleOut.Kubernetes;
using Relay.Fleet;

namespace Relay.Api.Tests.ScaleOut;

/// <summary>
/// Kubernetes discovery against a fake Kubernetes API on loopback (HTTPS, its own CA, a service-account token):
/// listing the relay pods, the errors that name what to fix, and three relays forming one cluster from the list.
/// </summary>
public sealed class KubernetesDiscoveryTests : IAsyncLifetime
{
    private FakeKubernetesApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeKubernetesApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task ListAsync_RunningPodsOnlyWithTheTokenAndTheSelector()
    {
        _api.AddPod("hubble-relay-a", "10.0.3.7", 4253);
        _api.AddPod("hubble-relay-b", "10.0.3.8", 4253);
        _api.AddPod("hubble-relay-c", "10.0.3.9", 4253, phase: "Pending");
        using var lister = new KubernetesPodLister(_api.Access);

        var pods = await lister.ListAsync("k8s-app=hubble-relay", CancellationToken.None);

        Assert.Equal(
            [new RelayPod("hubble-relay-a", "10.0.3.7", 4253), new RelayPod("hubble-relay-b", "10.0.3.8", 4253)],
            pods.OrderBy(p => p.Name));
        var request = Assert.Single(_api.Requests);
        Assert.Equal(($"Bearer {FakeKubernetesApi.Token}", "k8s-app=hubble-relay"), request);
    }

    [Fact]
    public async Task ListAsync_Forbidden_SaysTheServiceAccountNeedsARole()
    {
        _api.Forbidden = true;
        using var lister = new KubernetesPodLister(_api.Access);

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => lister.ListAsync("k8s-app=hubble-relay", CancellationToken.None));

        Assert.Contains("403", error.Message);
        Assert.Contains("needs a Role allowing get and list on pods", error.Message);
    }

    [Fact]
    public async Task ListAsync_ServerNotSignedByTheServiceAccountCa_Refused()
    {
        var otherCa = Path.GetTempFileName();
        await File.WriteAllTextAsync(otherCa, Relay.Fleet.Tls.FleetCertificateAuthority.Create("other").Certificate.ExportCertificatePem());
        using var lister = new KubernetesPodLister(_api.Access with { CaPath = otherCa });

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => lister.ListAsync("k8s-app=hubble-relay", CancellationToken.None));

        Assert.Contains("cannot be reached", error.Message);
        Assert.Empty(_api.Requests);
        File.Delete(otherCa);
    }

    [Fact]
    public void InCluster_NotInAPod_SaysWhatIsMissing()
    {
        var error = Assert.Throws<InvalidOperationException>(() => KubernetesApiAccess.InCluster(_ => null, "/nonexistent"));

        Assert.Contains("KUBERNETES_SERVICE_HOST", error.Message);
    }

    [Fact]
    public void InCluster_NoTokenMounted_PointsAtTheChartsAutomountValue()
    {
        var env = new Dictionary<string, string> { ["KUBERNETES_SERVICE_HOST"] = "10.96.0.1", ["KUBERNETES_SERVICE_PORT"] = "443" };

        var error = Assert.Throws<InvalidOperationException>(() => KubernetesApiAccess.InCluster(env.GetValueOrDefault, "/nonexistent"));

        Assert.Contains("serviceAccounts.relay.automount=true", error.Message);
    }

    [Fact]
    public async Task ThreeRelaysListedAsPods_FormOneClusterOwningEveryNode()
    {
        await using var relays = await ScaleOutRelays.StartAsync(new FleetOptions { Nodes = 6, FlowsPerSecond = 0, PrefillFlows = 5 }, 0);
        for (var i = 0; i < 3; i++)
        {
            var relay = await ScaleOutRelays.StartRelayAsync(
                relays.Fleet.PeerAddress,
                ["--scale-out-discovery", "kubernetes", "--scale-out-kubernetes-required-pods", "3"],
                new Dictionary<string, string> { ["POD_IP"] = "127.0.0.1" },
                s => s with { KubernetesApi = _api.Access, KubernetesLookInterval = TimeSpan.FromMilliseconds(200) });
            relays.Add(relay);
            _api.AddPod($"hubble-relay-{i}", "127.0.0.1", int.Parse(relay.ScaleOutAddress.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
        }

        await relays.AllConnectedAsync(relays.All);
        Assert.All(_api.Requests, r => Assert.Equal("k8s-app=hubble-relay", r.Selector));
    }
}
