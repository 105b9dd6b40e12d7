using System.Runtime.InteropServices;
using Grpc.Core;
using Grpc.Health.V1;
using Hubble.Observer;
using Relay.Fleet;
using Relay.Image.Tests.Dockerfile;
using Relay.Image.Tests.Infrastructure;
using Xunit.Abstractions;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Relay.Image.Tests.Publish;

/// <summary>
/// The image built without a container engine: the Dockerfile's stages replayed on the host (its restore and
/// publish, for this machine's architecture, into a temporary tree), then the final stage's
/// <c>/usr/bin/hubble-relay</c> run with <c>serve</c> against a simulated fleet. Slow (a trimmed ReadyToRun
/// publish, minutes on a busy machine): filter with <c>--filter Category!=Publish</c> locally; CI runs it.
/// </summary>
[Trait("Category", "Publish")]
public sealed class PublishedImageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task ReplayedImage_ServeAgainstAFleet_ServesHealthAndMergedFlows()
    {
        using var work = new TempDirectory("relay-image-");
        var replay = new DockerBuildReplay(
            DockerfileModel.Load(RelayLocations.Dockerfile), RelayLocations.RepositoryRoot, work.Path, BuildArgs(), output);
        var root = await replay.BuildAsync(CommandTimeout);

        var executable = Path.Combine(root, "usr", "bin", "hubble-relay");
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).ToList();
        Assert.Equal(new[] { Path.Combine("usr", "bin", "hubble-relay") }, files);
        Assert.True(Directory.Exists(Path.Combine(root, "etc", "hubble-relay")), "the image has no /etc/hubble-relay");
        output.WriteLine($"published size: {new FileInfo(executable).Length / (1024.0 * 1024.0):F1} MiB");

        await using var fleet = await SimulatedFleet.StartAsync(new FleetOptions { Nodes = 3, FlowsPerSecond = 20, PrefillFlows = 50 });
        await using var relay = RelayProcess.StartServe(RelayCommand.Published(executable), fleet.PeerAddress);
        var toServing = await relay.WaitUntilServingAsync(Patience);
        output.WriteLine($"start to SERVING: {toServing.TotalMilliseconds:F0} ms");

        await AssertServingAsync(relay.HealthAddress);
        await AssertServingAsync(relay.ListenAddress);
        using (var channel = RelayChannels.Open(relay.ListenAddress))
        {
            await RelayNodes.WaitUntilConnectedAsync(channel, fleet.Nodes.Count, Patience);
        }

        var flows = await LastFlowsAsync(relay.ListenAddress, 30);
        Assert.Equal(30, flows.Count);
        Assert.True(flows.Zip(flows.Skip(1)).All(p => p.First.Time.ToDateTime() <= p.Second.Time.ToDateTime()), "flows out of time order");

        relay.Terminate();
        Assert.Equal(0, await relay.WaitForExitAsync(Patience));
    }

    /// <summary>What BuildKit would pass for a build on this machine for this machine.</summary>
    private static Dictionary<string, string> BuildArgs()
    {
        var arch = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "amd64",
            Architecture.Arm64 => "arm64",
            var other => throw new PlatformNotSupportedException($"no image for {other}"),
        };
        return new Dictionary<string, string>
        {
            ["TARGETARCH"] = arch,
            ["TARGETPLATFORM"] = $"linux/{arch}",
            ["BUILDPLATFORM"] = $"linux/{arch}",
        };
    }

    private static async Task AssertServingAsync(string address)
    {
        using var channel = RelayChannels.Open(address);
        var client = new Health.HealthClient(channel);
        foreach (var service in new[] { string.Empty, "hubble.server.Observer" })
        {
            var reply = await client.CheckAsync(new HealthCheckRequest { Service = service }, deadline: DateTime.UtcNow.Add(Patience));
            Assert.Equal(ServingStatus.Serving, reply.Status);
        }
    }

    private static async Task<List<GetFlowsResponse>> LastFlowsAsync(string address, int number)
    {
        using var channel = RelayChannels.Open(address);
        using var call = new Observer.ObserverClient(channel).GetFlows(new GetFlowsRequest { Number = (ulong)number }, deadline: DateTime.UtcNow.Add(Patience));
        var flows = new List<GetFlowsResponse>();
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            if (response.Flow is not null)
            {
                flows.Add(response);
            }
        }

        return flows;
    }
}
