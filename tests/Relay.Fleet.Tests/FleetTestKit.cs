using Grpc.Core;
using Grpc.Net.Client;
using Hubble.Observer;
using Hubble.Peer;
using Microsoft.Extensions.Time.Testing;

namespace Relay.Fleet.Tests;

/// <summary>Shared helpers: fleets on free ports, gRPC clients, stream reading and bounded waiting.</summary>
internal sealed class FleetTestKit : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    public static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<GrpcChannel> _channels = [];
    private readonly List<SimulatedFleet> _fleets = [];

    /// <summary>A call deadline of <see cref="Timeout"/> from now.</summary>
    public static DateTime Deadline() => DateTime.UtcNow + Timeout;

    /// <summary>A clock that only moves when the test advances it.</summary>
    public static FakeTimeProvider Clock() => new(Epoch);

    public async Task<SimulatedFleet> StartAsync(FleetOptions options)
    {
        var fleet = await SimulatedFleet.StartAsync(options);
        _fleets.Add(fleet);
        return fleet;
    }

    public Hubble.Observer.Observer.ObserverClient Observer(string address) => new(Channel(address));

    public Peer.PeerClient Peer(string address) => new(Channel(address));

    public static async Task<List<T>> ReadAllAsync<T>(AsyncServerStreamingCall<T> call)
    {
        using (call)
        {
            var items = new List<T>();
            using var timeout = new CancellationTokenSource(Timeout);
            await foreach (var item in call.ResponseStream.ReadAllAsync(timeout.Token))
            {
                items.Add(item);
            }

            return items;
        }
    }

    public static async Task<List<GetFlowsResponse>> GetFlowsAsync(Hubble.Observer.Observer.ObserverClient client, GetFlowsRequest request) =>
        await ReadAllAsync(client.GetFlows(request, deadline: Deadline()));

    /// <summary>Reads the next message or fails after the timeout.</summary>
    public static async Task<T> NextAsync<T>(IAsyncStreamReader<T> stream)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        Assert.True(await stream.MoveNext(timeout.Token), "the stream ended");
        return stream.Current;
    }

    /// <summary>Waits until <paramref name="condition"/> holds (polling), failing after the timeout.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting until {what}");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>The status a call ends with (OK when it completes normally).</summary>
    public static async Task<RpcException> FailureAsync(Func<Task> call)
    {
        var failure = await Assert.ThrowsAsync<RpcException>(call);
        return failure;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        foreach (var fleet in _fleets)
        {
            await fleet.DisposeAsync();
        }
    }

    private GrpcChannel Channel(string address)
    {
        var channel = GrpcChannel.ForAddress($"http://{address}");
        _channels.Add(channel);
        return channel;
    }
}
