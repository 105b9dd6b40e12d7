using Microsoft.Extensions.Logging;
using Relay.Actors.Nodes;
using Relay.Actors.Peers;

namespace Relay.Actors.Cluster.Board;

/// <summary>
/// Mirrors the node board's view of each node into the replica's <see cref="PeerRegistry"/>: added, updated (a
/// state change is published), or removed (published as Gone). A node that changed address is removed and added
/// again, as a single relay does. Keeps one client per node owned elsewhere. Used by the board actor only.
/// </summary>
internal sealed class RegistryMirror(PeerRegistry registry, Func<string, INodeClient> remoteClients, ILogger log)
{
    private readonly Dictionary<string, Shown> _shown = new(StringComparer.Ordinal);
    private readonly Dictionary<string, INodeClient> _clients = new(StringComparer.Ordinal);
    private long _lastIncarnation;

    public void Show(string name, NodeBoardState state)
    {
        var view = state.View(name, registry.Now, RemoteClient);
        if (!_shown.TryGetValue(name, out var shown))
        {
            if (view is not null)
            {
                Add(view);
            }

            return;
        }

        if (view is null)
        {
            registry.Remove(name, shown.Incarnation);
            _shown.Remove(name);
            _clients.Remove(name);
            return;
        }

        if (view == shown.Entry)
        {
            return;
        }

        if (view.Address != shown.Entry.Address || view.TlsServerName != shown.Entry.TlsServerName)
        {
            registry.Remove(name, shown.Incarnation);
            Add(view);
            return;
        }

        registry.Update(name, shown.Incarnation, _ => view, keepStateSince: true); // the owner's time, not ours
        _shown[name] = shown with { Entry = view };
    }

    private void Add(NodeEntry entry)
    {
        var incarnation = ++_lastIncarnation;
        registry.Add(entry, incarnation);
        _shown[entry.Name] = new Shown(entry, incarnation);
    }

    private INodeClient? RemoteClient(string name)
    {
        if (_clients.TryGetValue(name, out var client))
        {
            return client;
        }

        try
        {
            client = remoteClients(name);
        }
        catch (Exception e)
        {
            ClusterLog.RemoteClientFailed(log, name, e);
            return null;
        }

        _clients[name] = client;
        return client;
    }

    private sealed record Shown(NodeEntry Entry, long Incarnation);
}
