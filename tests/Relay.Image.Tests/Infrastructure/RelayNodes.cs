using Grpc.Net.Client;
using Hubble.Observer;
using Hubble.Relay;

namespace Relay.Image.Tests.Infrastructure;

/// <summary>The relay's view of its nodes, asked through the Observer API as a client would.</summary>
internal static class RelayNodes
{
    /// <summary>Asks GetNodes until <paramref name="count"/> nodes are NODE_CONNECTED.</summary>
    public static async Task WaitUntilConnectedAsync(GrpcChannel channel, int count, TimeSpan timeout)
    {
        var client = new Observer.ObserverClient(channel);
        var connected = 0;
        await Eventually.AssertAsync(
            () =>
            {
                var nodes = client.GetNodes(new GetNodesRequest(), deadline: DateTime.UtcNow.AddSeconds(5));
                connected = nodes.Nodes.Count(n => n.State == NodeState.NodeConnected);
                return connected == count;
            },
            timeout,
            () => $"{connected} of {count} nodes connected");
    }
}
