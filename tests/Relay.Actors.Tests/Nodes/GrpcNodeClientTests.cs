using Grpc.Core;
using Hubble.Observer;
using Hubble.Peer;
using Relay.Actors.Nodes;
using Relay.Actors.Peers;
using Relay.Streams.Wire;

namespace Relay.Actors.Tests.Nodes;

/// <summary>The gRPC node client, connector and peer notifier against a real Kestrel server over loopback.</summary>
public sealed class GrpcNodeClientTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);
    private static readonly NodeChannelFactory Channels = new(new NodeConnectionSettings { RelayVersion = "1.2.3-test" });

    [Fact]
    public async Task GetFlows_RawPassThrough_BytesAsSerializedAndHeadersArrive()
    {
        await using var server = await TestHubbleServer.StartAsync(withPeerService: false);
        using var connection = new GrpcNodeConnector(Channels).Connect($"127.0.0.1:{server.Port}", "a.default.hubble-grpc.cilium.io");
        var caller = new Metadata { { "x-caller", "abc" }, { "user-agent", "hubble-cli" } };

        var received = new List<RawFlowResponse>();
        using var cts = new CancellationTokenSource(Guard);
        await foreach (var response in connection.Client.GetFlowsAsync(new GetFlowsRequest { Number = 3 }, caller, cts.Token))
        {
            received.Add(response);
        }

        Assert.Equal(server.Observer.SentBytes.ToArray(), received.Select(r => r.Payload).ToArray());
        Assert.All(received, r => Assert.Equal(("node-a", ResponseKind.Flow), (r.NodeName, r.Kind)));
        Assert.Equal((1_700_000_002L * 1_000_000_000L) + 5, received[^1].TimeNanos);
        var (request, headers) = Assert.Single(server.Observer.FlowCalls);
        Assert.Equal(3UL, request.Number);
        Assert.Equal("1.2.3-test", headers.GetValue("hubble-relay-version"));
        Assert.Equal("abc", headers.GetValue("x-caller"));
    }

    [Fact]
    public async Task UnixSocket_ServerStatusAndPeerNotificationsArrive()
    {
        await using var server = await TestHubbleServer.StartAsync(withPeerService: true);
        var address = "unix://" + server.SocketPath;
        using var connection = new GrpcNodeConnector(Channels).Connect(address, null);
        using var notifier = new GrpcPeerNotifierFactory(Channels).Create(address, null);
        using var cts = new CancellationTokenSource(Guard);

        var status = await connection.Client.ServerStatusAsync(TimeSpan.FromSeconds(5), cts.Token);
        var changes = new List<ChangeNotification>();
        await foreach (var change in notifier.NotifyAsync(cts.Token))
        {
            changes.Add(change);
            if (changes.Count == 2)
            {
                break;
            }
        }

        Assert.Equal("test-node", status.Version);
        Assert.Equal(["test/a", "test/b"], changes.Select(c => c.Name));
    }

    [Fact]
    public async Task Notify_ServerWithoutPeerService_Unimplemented()
    {
        await using var server = await TestHubbleServer.StartAsync(withPeerService: false);
        using var notifier = new GrpcPeerNotifierFactory(Channels).Create($"127.0.0.1:{server.Port}", null);
        using var cts = new CancellationTokenSource(Guard);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var unused in notifier.NotifyAsync(cts.Token))
            {
            }
        });

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task ServerStatus_NothingListening_FailsUnavailable()
    {
        using var connection = new GrpcNodeConnector(Channels).Connect("unix:///nonexistent/relay-test.sock", null);

        var error = await Assert.ThrowsAsync<RpcException>(
            () => connection.Client.ServerStatusAsync(TimeSpan.FromSeconds(5), CancellationToken.None));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }
}
