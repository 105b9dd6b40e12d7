using System.Threading.Channels;
using Hubble.Peer;

namespace Relay.Fleet.Peers;

/// <summary>
/// The fleet's membership as the peer service reports it: the current peers in join order, and a change
/// feed per subscriber that starts exactly where the subscriber's snapshot ends (no change lost or doubled).
/// </summary>
internal sealed class PeerDirectory
{
    private readonly Lock _lock = new();
    private readonly List<ChangeNotification> _peers = [];
    private readonly List<Channel<ChangeNotification>> _subscribers = [];

    /// <summary>Current peers, as PEER_ADDED notifications.</summary>
    public IReadOnlyList<ChangeNotification> Snapshot()
    {
        lock (_lock)
        {
            return _peers.Select(p => p.Clone()).ToArray();
        }
    }

    /// <summary>Takes the current peers and a feed of every later change, atomically.</summary>
    public (IReadOnlyList<ChangeNotification> Current, Channel<ChangeNotification> Changes) Subscribe()
    {
        var channel = Channel.CreateUnbounded<ChangeNotification>(new UnboundedChannelOptions { SingleReader = true });
        lock (_lock)
        {
            _subscribers.Add(channel);
            return (_peers.Select(p => p.Clone()).ToArray(), channel);
        }
    }

    public void Unsubscribe(Channel<ChangeNotification> changes)
    {
        lock (_lock)
        {
            _subscribers.Remove(changes);
        }
    }

    public void Add(string name, string address, string tlsServerName) =>
        Publish(new ChangeNotification { Name = name, Address = address, Type = ChangeNotificationType.PeerAdded, Tls = new TLS { ServerName = tlsServerName } });

    public void Update(string name, string address, string tlsServerName) =>
        Publish(new ChangeNotification { Name = name, Address = address, Type = ChangeNotificationType.PeerUpdated, Tls = new TLS { ServerName = tlsServerName } });

    public void Remove(string name)
    {
        lock (_lock)
        {
            var index = _peers.FindIndex(p => p.Name == name);
            if (index < 0)
            {
                return;
            }

            var removed = _peers[index];
            _peers.RemoveAt(index);
            Broadcast(new ChangeNotification { Name = removed.Name, Address = removed.Address, Type = ChangeNotificationType.PeerDeleted, Tls = removed.Tls });
        }
    }

    private void Publish(ChangeNotification change)
    {
        lock (_lock)
        {
            var index = _peers.FindIndex(p => p.Name == change.Name);
            var current = change.Clone();
            current.Type = ChangeNotificationType.PeerAdded;
            if (index < 0)
            {
                _peers.Add(current);
                change.Type = ChangeNotificationType.PeerAdded;
            }
            else
            {
                _peers[index] = current;
                change.Type = ChangeNotificationType.PeerUpdated;
            }

            Broadcast(change);
        }
    }

    private void Broadcast(ChangeNotification change)
    {
        foreach (var subscriber in _subscribers)
        {
            subscriber.Writer.TryWrite(change.Clone());
        }
    }
}
