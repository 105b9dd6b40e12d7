using Akka.Cluster;
using Relay.Actors.Peers;

namespace Relay.Actors.Cluster.Board;

/// <summary>
/// One replica's knowledge of every node in the relay cluster: the peer list (from the peer-service follower), the
/// reports of the replicas owning the nodes, and which replicas are unreachable. <see cref="View"/> turns that into
/// the entry the directory lists. Not thread-safe: the node board actor owns it.
/// </summary>
/// <remarks>
/// A node is listed while the peer list holds it (before the first complete list, also while an owner reports it).
/// Its state is the report of its owner; while two owners report it (a hand-over in flight) the later claim wins.
/// An unreachable owner's nodes show Unavailable until it is reachable again or a new owner reports; a node whose
/// owner stopped or left shows Unavailable until a new owner reports.
/// </remarks>
internal sealed class NodeBoardState(UniqueAddress self)
{
    private readonly Dictionary<string, PeerInfo> _peers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<UniqueAddress, OwnerReport>> _reports = new(StringComparer.Ordinal);
    private readonly HashSet<string> _orphaned = new(StringComparer.Ordinal);
    private readonly HashSet<UniqueAddress> _unreachable = [];
    private readonly HashSet<UniqueAddress> _removed = [];
    private readonly Queue<UniqueAddress> _removedOrder = new();

    /// <summary>
    /// How many removed members are remembered (to ignore their late reports): a removed member never returns (a
    /// restarted replica has a new uid) and its last messages arrive within seconds, so the oldest can be
    /// forgotten; without a bound every pod restart would add one for the life of the process.
    /// </summary>
    public const int RemovedRemembered = 256;

    public UniqueAddress Self => self;

    /// <summary>Whether a complete peer list has arrived: from then on only listed nodes are shown.</summary>
    public bool HasCompleteList { get; private set; }

    /// <summary>The peer list as last received.</summary>
    public IReadOnlyCollection<PeerInfo> Peers => _peers.Values;

    /// <summary>Every node that is listed or reported.</summary>
    public IEnumerable<string> Names => _peers.Keys.Union(_reports.Keys, StringComparer.Ordinal);

    /// <summary>The reports this replica made as owner, for a full snapshot to the others.</summary>
    public IEnumerable<OwnerReport> OwnReports =>
        _reports.Values.Select(byOwner => byOwner.GetValueOrDefault(self)).OfType<OwnerReport>();

    public bool IsRemoved(UniqueAddress owner) => _removed.Contains(owner);

    /// <summary>Applies a peer-list update; returns the nodes whose view may have changed.</summary>
    public IReadOnlyCollection<string> ApplyPeerList(IEnumerable<PeerInfo> upserted, IEnumerable<string> removed, bool complete)
    {
        var touched = new HashSet<string>(StringComparer.Ordinal);
        if (complete)
        {
            touched.UnionWith(Names); // unlisted reported nodes disappear once a complete list is in
            _peers.Clear();
            HasCompleteList = true;
        }

        foreach (var peer in upserted)
        {
            _peers[peer.Name] = peer;
            touched.Add(peer.Name);
        }

        foreach (var name in removed)
        {
            _peers.Remove(name);
            touched.Add(name);
        }

        _orphaned.RemoveWhere(name => !_peers.ContainsKey(name)); // no longer waiting for an owner: gone
        return touched;
    }

    /// <summary>Records a report; ignored when its owner was removed from the cluster.</summary>
    public bool Report(OwnerReport report)
    {
        if (_removed.Contains(report.Owner))
        {
            return false;
        }

        var name = report.Entry.Name;
        if (!_reports.TryGetValue(name, out var byOwner))
        {
            byOwner = [];
            _reports[name] = byOwner;
        }

        byOwner[report.Owner] = report;
        _orphaned.Remove(name);
        return true;
    }

    /// <summary>Drops the owner's report of the node if it is claim <paramref name="claim"/> or older.</summary>
    public bool Release(UniqueAddress owner, string name, long claim)
    {
        if (!_reports.TryGetValue(name, out var byOwner)
            || !byOwner.TryGetValue(owner, out var report)
            || report.Claim > claim)
        {
            return false;
        }

        Drop(name, byOwner, owner);
        return true;
    }

    /// <summary>Replaces everything <paramref name="owner"/> reported with <paramref name="reports"/>; returns the nodes touched.</summary>
    public IReadOnlyCollection<string> ReplaceAll(UniqueAddress owner, IReadOnlyCollection<OwnerReport> reports)
    {
        if (_removed.Contains(owner))
        {
            return [];
        }

        var touched = DropAll(owner);
        foreach (var report in reports)
        {
            Report(report);
            touched.Add(report.Entry.Name);
        }

        return touched;
    }

    /// <summary>The owner cannot be reached: its nodes show Unavailable. Returns the nodes it reported.</summary>
    public IReadOnlyCollection<string> MarkUnreachable(UniqueAddress owner)
    {
        _unreachable.Add(owner);
        return ReportedBy(owner);
    }

    public IReadOnlyCollection<string> MarkReachable(UniqueAddress owner)
    {
        _unreachable.Remove(owner);
        return ReportedBy(owner);
    }

    /// <summary>The owner left the cluster: its reports go, and later ones from it are ignored.</summary>
    public IReadOnlyCollection<string> MarkRemoved(UniqueAddress owner)
    {
        if (_removed.Add(owner))
        {
            _removedOrder.Enqueue(owner);
            if (_removedOrder.Count > RemovedRemembered)
            {
                _removed.Remove(_removedOrder.Dequeue());
            }
        }

        _unreachable.Remove(owner);
        return DropAll(owner);
    }

    /// <summary>The entry to list for <paramref name="name"/>, or null when it is not to be listed.</summary>
    /// <param name="name">The node.</param>
    /// <param name="now">Stamps a node that only the peer list knows.</param>
    /// <param name="remoteClient">The client of a node owned by another replica.</param>
    public NodeEntry? View(string name, DateTimeOffset now, Func<string, Nodes.INodeClient?> remoteClient)
    {
        var listed = _peers.TryGetValue(name, out var peer);
        var reports = _reports.GetValueOrDefault(name);
        if (!listed && (HasCompleteList || reports is not { Count: > 0 }))
        {
            return null;
        }

        var live = reports?.Values.Where(r => !_unreachable.Contains(r.Owner)).MaxBy(Order);
        if (live is not null)
        {
            var entry = live.Entry with { Owner = live.Owner.Address.ToString() };
            return live.Owner == self
                ? entry
                : entry with { Client = entry.State == NodeState.Connected ? remoteClient(name) : null };
        }

        if (reports?.Values.MaxBy(Order) is { } stranded)
        {
            return Unavailable(stranded.Entry, $"its owner {stranded.Owner.Address} is unreachable") with
            {
                Owner = stranded.Owner.Address.ToString(),
            };
        }

        var announced = new NodeEntry(peer!.Name, peer.Address, peer.TlsServerName, NodeState.Connecting, now);
        return _orphaned.Contains(name) ? Unavailable(announced, "waiting for a replica to own it") : announced;
    }

    private static (DateTimeOffset, string) Order(OwnerReport report) => (report.OwnedSince, report.Owner.ToString());

    private static NodeEntry Unavailable(NodeEntry entry, string error) =>
        entry with { State = NodeState.Unavailable, Client = null, LastError = error, Owner = null };

    private List<string> ReportedBy(UniqueAddress owner) =>
        _reports.Where(p => p.Value.ContainsKey(owner)).Select(p => p.Key).ToList();

    private HashSet<string> DropAll(UniqueAddress owner)
    {
        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in ReportedBy(owner))
        {
            Drop(name, _reports[name], owner);
            touched.Add(name);
        }

        return touched;
    }

    private void Drop(string name, Dictionary<UniqueAddress, OwnerReport> byOwner, UniqueAddress owner)
    {
        byOwner.Remove(owner);
        if (byOwner.Count == 0)
        {
            _reports.Remove(name);
            _orphaned.Add(name);
        }
    }
}
