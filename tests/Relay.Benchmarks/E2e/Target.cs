using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Hubble.Observer;

namespace Relay.Benchmarks.E2e;

/// <summary>
/// A server under measurement — the relay or the raw forwarder — running as its own process on loopback:
/// where to call it and how to read its cost.
/// </summary>
internal sealed class Target : IDisposable
{
    public const string RelayName = "relay";
    public const string CeilingName = "ceiling";

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private Target(string name, string address, ChildProcess process, string metricsAddress, string? scaleOutAddress = null)
    {
        Name = name;
        Address = address;
        Process = process;
        Meter = new ProcessMeter(process.Pid);
        MetricsAddress = metricsAddress;
        ScaleOutAddress = scaleOutAddress;
        GcReader = new GcCountReader(metricsAddress);
    }

    public string Name { get; }

    /// <summary><c>127.0.0.1:port</c> of its Observer API.</summary>
    public string Address { get; }

    public ChildProcess Process { get; }

    public ProcessMeter Meter { get; }

    /// <summary><c>127.0.0.1:port</c> of its Prometheus metrics.</summary>
    public string MetricsAddress { get; }

    /// <summary>A relay cluster replica's <c>127.0.0.1:port</c> for the other replicas; null for a single relay.</summary>
    public string? ScaleOutAddress { get; }

    /// <summary>Reads the process's GC counts from its Prometheus page.</summary>
    public GcCountReader GcReader { get; }

    /// <summary>
    /// Starts <c>hubble-relay serve</c> (the build copied next to this driver) on free loopback ports in cleartext,
    /// waits for its health to be SERVING and for <paramref name="nodes"/> nodes to be connected. Its metrics server
    /// is on, for the GC counts (as a deployment scraped by Prometheus runs it).
    /// </summary>
    public static Task<Target> StartRelayAsync(
        string peerService, int nodes, IReadOnlyDictionary<string, string>? environment, string? relayDll, CancellationToken ct) =>
        StartRelayAsync(RelayName, peerService, nodes, scaleOutSeed: null, replica: false, environment, relayDll, ct);

    /// <summary>
    /// Starts a replica of a relay cluster (<c>--scale-out</c> on a free loopback port, joining
    /// <paramref name="seed"/>'s cluster, or founding one when null), as <see cref="StartRelayAsync(string, int, IReadOnlyDictionary{string, string}?, string?, CancellationToken)"/>
    /// otherwise; waits until it counts every node of the cluster connected.
    /// </summary>
    public static Task<Target> StartReplicaAsync(
        string name, string peerService, int nodes, string? seed, IReadOnlyDictionary<string, string>? environment, CancellationToken ct) =>
        StartRelayAsync(name, peerService, nodes, seed, replica: true, environment, relayDll: null, ct);

    private static async Task<Target> StartRelayAsync(
        string name, string peerService, int nodes, string? scaleOutSeed, bool replica, IReadOnlyDictionary<string, string>? environment, string? relayDll, CancellationToken ct)
    {
        var port = FreePort();
        var healthPort = FreePort();
        var metricsPort = FreePort();
        var args = new List<string>
        {
            "serve", "--disable-server-tls", "--disable-client-tls",
            "--peer-service", peerService,
            "--listen-address", $"127.0.0.1:{port}",
            "--health-listen-address", $"127.0.0.1:{healthPort}",
            "--metrics-listen-address", $"127.0.0.1:{metricsPort}",
            "--log-level", "warn",
        };
        string? scaleOut = null;
        if (replica)
        {
            scaleOut = $"127.0.0.1:{FreePort()}";
            args.AddRange(["--scale-out", "--scale-out-listen-address", scaleOut]);
            if (scaleOutSeed is not null)
            {
                args.AddRange(["--scale-out-seed-nodes", scaleOutSeed]);
            }
        }

        var process = ChildProcess.Start(name, relayDll ?? Path.Combine(AppContext.BaseDirectory, "hubble-relay.dll"), args, environment);
        var target = new Target(name, $"127.0.0.1:{port}", process, $"127.0.0.1:{metricsPort}", scaleOut);
        try
        {
            await target.WaitForHealthAsync($"127.0.0.1:{healthPort}", ct);
            await target.WaitForNodesAsync(nodes, ct);
            return target;
        }
        catch
        {
            target.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Starts the raw forwarder (this assembly's <c>forwarder</c> command) with the relay's garbage collector mode
    /// (server GC, as the ASP.NET Core SDK sets for hubble-relay), and waits until it knows every node.
    /// </summary>
    public static async Task<Target> StartCeilingAsync(string peerService, int nodes, CancellationToken ct)
    {
        var port = FreePort();
        var metricsPort = FreePort();
        string[] args =
        [
            Forwarder.ForwarderCommand.Name, "--peer-service", peerService,
            "--nodes", nodes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--metrics-port", metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ];
        var environment = new Dictionary<string, string> { ["DOTNET_gcServer"] = "1" };
        var process = ChildProcess.Start(CeilingName, typeof(Program).Assembly.Location, args, environment);
        var target = new Target(CeilingName, $"127.0.0.1:{port}", process, $"127.0.0.1:{metricsPort}");
        try
        {
            await target.WaitForNodesAsync(nodes, ct);
            return target;
        }
        catch
        {
            target.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Waits until the process has used less than <paramref name="cpuShare"/> of a core over a whole second (the
    /// connection burst is over), or <paramref name="patience"/> passed; returns how long it waited.
    /// </summary>
    public async Task<TimeSpan> WaitQuietAsync(double cpuShare, TimeSpan patience, CancellationToken ct)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var cpu = Meter.CpuSeconds();
        while (watch.Elapsed < patience)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            var now = Meter.CpuSeconds();
            if (now - cpu < cpuShare)
            {
                break;
            }

            cpu = now;
        }

        return watch.Elapsed;
    }

    public void Dispose()
    {
        GcReader.Dispose();
        Process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Watches grpc.health.v1 until the overall service is SERVING.</summary>
    private async Task WaitForHealthAsync(string healthAddress, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Patience);
        using var channel = GrpcChannel.ForAddress("http://" + healthAddress);
        var health = new Health.HealthClient(channel);
        while (true)
        {
            Process.ThrowIfExited();
            try
            {
                using var watch = health.Watch(new HealthCheckRequest { Service = string.Empty }, cancellationToken: timeout.Token);
                await foreach (var status in watch.ResponseStream.ReadAllAsync(timeout.Token))
                {
                    if (status.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                    {
                        return;
                    }
                }
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
            {
                // Not listening yet.
            }

            await Task.Delay(PollInterval, timeout.Token);
        }
    }

    /// <summary>Polls ServerStatus until <paramref name="nodes"/> nodes are connected.</summary>
    private async Task WaitForNodesAsync(int nodes, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Patience);
        using var channel = GrpcChannel.ForAddress("http://" + Address);
        var observer = new Observer.ObserverClient(channel);
        while (true)
        {
            Process.ThrowIfExited();
            try
            {
                var status = await observer.ServerStatusAsync(new ServerStatusRequest(), deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: timeout.Token);
                if (status.NumConnectedNodes == (uint)nodes)
                {
                    return;
                }
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                // Not listening yet, or still connecting to the nodes.
            }

            try
            {
                await Task.Delay(PollInterval, timeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"{Name} did not connect {nodes} nodes within {Patience}:{Environment.NewLine}{Process.Tail}");
            }
        }
    }
}
