using Grpc.Core;
using Grpc.Net.Client;
using Hubble.Peer;

namespace Relay.Benchmarks.Forwarder;

/// <summary>Reads the node addresses a peer service announces, once, as the forwarder needs no membership changes.</summary>
internal static class PeerList
{
    /// <summary>Subscribes to <c>peer.Peer/Notify</c> and returns the first <paramref name="count"/> added peers' addresses.</summary>
    public static async Task<IReadOnlyList<string>> ReadAsync(string peerService, int count, TimeSpan timeout)
    {
        var addresses = new List<string>(count);
        if (count == 0)
        {
            return addresses;
        }

        using var channel = GrpcChannel.ForAddress("http://" + peerService);
        using var cancel = new CancellationTokenSource(timeout);
        using var call = new Peer.PeerClient(channel).Notify(new NotifyRequest(), cancellationToken: cancel.Token);
        await foreach (var change in call.ResponseStream.ReadAllAsync(cancel.Token))
        {
            if (change.Type == ChangeNotificationType.PeerAdded)
            {
                addresses.Add(change.Address);
                if (addresses.Count == count)
                {
                    break;
                }
            }
        }

        return addresses.Count == count
            ? addresses
            : throw new InvalidOperationException($"the peer service announced {addresses.Count} of {count} nodes");
    }
}
