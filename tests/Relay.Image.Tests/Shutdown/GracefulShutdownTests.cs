using System.Diagnostics;
using Grpc.Core;
using Grpc.Health.V1;
using Hubble.Observer;
using Relay.Fleet;
using Relay.Image.Tests.Infrastructure;
using Xunit.Abstractions;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Relay.Image.Tests.Shutdown;

/// <summary>
/// SIGTERM on the real process, as the kubelet sends it: health NOT_SERVING, open streams end with UNAVAILABLE
/// "relay shutting down", node streams close, exit 0 — inside the grace period, and well inside the Cilium
/// chart's default <c>terminationGracePeriodSeconds: 1</c> when nothing needs draining.
/// </summary>
public sealed class GracefulShutdownTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>The relay's default <c>--shutdown-grace-period</c>.</summary>
    private static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(5);

    /// <summary>The Cilium chart's default terminationGracePeriodSeconds for the relay.</summary>
    private static readonly TimeSpan ChartGrace = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Serve_SigtermDuringFollowStream_EndsStreamUnavailableClosesNodeStreamsAndExitsZero()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetOptions { Nodes = 3, FlowsPerSecond = 50, PrefillFlows = 20 });
        await using var relay = RelayProcess.StartServe(RelayCommand.Built, fleet.PeerAddress);
        await relay.WaitUntilServingAsync(Patience);
        using var channel = RelayChannels.Open(relay.ListenAddress);
        using var healthChannel = RelayChannels.Open(relay.HealthAddress);
        using var deadline = new CancellationTokenSource(Patience);

        using var follow = new Observer.ObserverClient(channel).GetFlows(new GetFlowsRequest { Follow = true }, cancellationToken: deadline.Token);
        await ReadUntilFlowsFromEveryNodeAsync(follow.ResponseStream, fleet, deadline.Token);
        Assert.Equal(fleet.Nodes.Count, OpenNodeStreams(fleet));
        using var health = new Health.HealthClient(healthChannel).Watch(new HealthCheckRequest(), cancellationToken: deadline.Token);
        Assert.True(await health.ResponseStream.MoveNext(deadline.Token));
        Assert.Equal(ServingStatus.Serving, health.ResponseStream.Current.Status);

        var sinceSignal = Stopwatch.StartNew();
        relay.Terminate();

        Assert.True(await HealthEndsServingAsync(health.ResponseStream, deadline.Token), "health still SERVING after SIGTERM");
        var streamEnd = await ReadToEndAsync(follow.ResponseStream, deadline.Token);
        Assert.True(
            streamEnd is { StatusCode: StatusCode.Unavailable, Detail: "relay shutting down" },
            $"the follow stream ended with {streamEnd}, not UNAVAILABLE \"relay shutting down\":\n{relay.Output}");
        var exitCode = await relay.WaitForExitAsync(Patience);
        var stopped = sinceSignal.Elapsed;
        output.WriteLine($"SIGTERM to exit with an open follow stream and a health watch: {stopped.TotalMilliseconds:F0} ms");

        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{relay.Output}");
        Assert.True(stopped < DefaultGrace, $"took {stopped} to stop, the grace period is {DefaultGrace}:\n{relay.Output}");
        await Eventually.AssertAsync(() => OpenNodeStreams(fleet) == 0, Patience, () => $"{OpenNodeStreams(fleet)} node streams still open");
    }

    [Fact]
    public async Task Serve_SigtermWithNothingToDrain_ExitsZeroWithinTheChartsOneSecond()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetOptions { Nodes = 2, FlowsPerSecond = 10, PrefillFlows = 10 });
        await using var relay = RelayProcess.StartServe(RelayCommand.Built, fleet.PeerAddress);
        await relay.WaitUntilServingAsync(Patience);
        await Eventually.AssertAsync(() => fleet.Nodes.All(n => n.OpenConnections > 0), Patience, () => "the relay did not connect to every node");

        var sinceSignal = Stopwatch.StartNew();
        relay.Terminate();
        var exitCode = await relay.WaitForExitAsync(Patience);
        var stopped = sinceSignal.Elapsed;
        output.WriteLine($"SIGTERM to exit, nothing to drain: {stopped.TotalMilliseconds:F0} ms");

        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{relay.Output}");
        Assert.True(stopped < ChartGrace, $"took {stopped} to stop; the chart kills the pod after {ChartGrace}:\n{relay.Output}");
        Assert.Contains("Relay stopped", relay.Output, StringComparison.Ordinal);
        await Eventually.AssertAsync(() => fleet.Nodes.All(n => n.OpenConnections == 0), Patience, () => "node connections still open");
    }

    [Fact]
    public async Task Serve_SigtermWithOpenHealthWatch_DoesNotWaitForTheWatchToEnd()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetOptions { Nodes = 1, FlowsPerSecond = 10, PrefillFlows = 10 });
        await using var relay = RelayProcess.StartServe(RelayCommand.Built, fleet.PeerAddress);
        await relay.WaitUntilServingAsync(Patience);
        using var healthChannel = RelayChannels.Open(relay.HealthAddress);
        using var deadline = new CancellationTokenSource(Patience);
        using var health = new Health.HealthClient(healthChannel).Watch(new HealthCheckRequest(), cancellationToken: deadline.Token);
        Assert.True(await health.ResponseStream.MoveNext(deadline.Token));

        var sinceSignal = Stopwatch.StartNew();
        relay.Terminate();
        var exitCode = await relay.WaitForExitAsync(Patience);
        var stopped = sinceSignal.Elapsed;
        output.WriteLine($"SIGTERM to exit with an open health watch: {stopped.TotalMilliseconds:F0} ms");

        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{relay.Output}");
        Assert.True(stopped < ChartGrace, $"took {stopped} to stop with a health watch open:\n{relay.Output}");
    }

    private static int OpenNodeStreams(SimulatedFleet fleet) => fleet.Nodes.Sum(n => n.OpenGetFlowsStreams);

    /// <summary>Reads until flows from every node arrived, so each node's stream is known to be open.</summary>
    private static async Task ReadUntilFlowsFromEveryNodeAsync(IAsyncStreamReader<GetFlowsResponse> stream, SimulatedFleet fleet, CancellationToken ct)
    {
        var missing = fleet.Nodes.Select(n => n.PeerName).ToHashSet();
        while (missing.Count > 0)
        {
            Assert.True(await stream.MoveNext(ct), "the follow stream ended early");
            if (stream.Current.Flow is not null)
            {
                missing.Remove(stream.Current.NodeName);
            }
        }
    }

    /// <summary>True when health leaves SERVING: a NOT_SERVING update, or the watch ending as the port closes.</summary>
    private static async Task<bool> HealthEndsServingAsync(IAsyncStreamReader<HealthCheckResponse> stream, CancellationToken ct)
    {
        try
        {
            while (await stream.MoveNext(ct))
            {
                if (stream.Current.Status != ServingStatus.Serving)
                {
                    return true;
                }
            }

            return true;
        }
        catch (RpcException error) when (error.StatusCode is StatusCode.Unavailable or StatusCode.Cancelled or StatusCode.Internal)
        {
            return true;
        }
    }

    /// <summary>Reads a stream to its end and returns the status it ended with.</summary>
    private static async Task<Status> ReadToEndAsync(IAsyncStreamReader<GetFlowsResponse> stream, CancellationToken ct)
    {
        try
        {
            while (await stream.MoveNext(ct))
            {
            }

            return Status.DefaultSuccess;
        }
        catch (RpcException error)
        {
            return error.Status;
        }
    }
}
