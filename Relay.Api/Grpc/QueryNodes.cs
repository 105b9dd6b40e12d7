using System.Threading.Channels;
using Akka;
using Akka.Streams.Dsl;
using Grpc.Core;
using Relay.Actors.Flows;
using Relay.Actors.Peers;
using Relay.Streams.Query;

namespace Relay.Api.Grpc;

/// <summary>
/// Adapts the peer directory to what a <see cref="FlowQuery"/> takes: connected nodes as sources, and — for a
/// follow query — the directory's later changes as a stream of <see cref="NodeChange"/>.
/// </summary>
internal sealed class QueryNodes : IDisposable
{
    private readonly Channel<NodeChange> _changes = Channel.CreateUnbounded<NodeChange>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly IDisposable? _subscription;
    private readonly INodeFlows _flows;
    private readonly Metadata _headers;
    private readonly CancellationToken _callEnded;

    /// <summary>Subscribes first and then takes the snapshot, so no change can fall between the two.</summary>
    public QueryNodes(IPeerDirectory directory, INodeFlows flows, bool follow, Metadata headers, CancellationToken callEnded)
    {
        _flows = flows;
        _headers = headers;
        _callEnded = callEnded;
        if (follow)
        {
            _subscription = directory.Subscribe(OnChange);
        }

        var nodes = directory.Nodes;
        Connected = nodes.Where(n => n.State == NodeState.Connected && n.Client is not null).Select(ToQueryNode).ToList();
        Unavailable = nodes.Where(n => n.State is NodeState.Unavailable or NodeState.Connecting).Select(n => n.Name).ToList();
        var connected = nodes.Where(n => n.State == NodeState.Connected).ToList();
        Capacity = connected.All(n => n.LastStatus is { MaxFlows: > 0 })
            ? connected.Aggregate(0UL, (sum, n) => sum + n.LastStatus!.MaxFlows)
            : null;
    }

    /// <summary>The connected nodes' ring capacities added up, when every one is known from its last ServerStatus.</summary>
    public ulong? Capacity { get; }

    public IReadOnlyList<QueryNode> Connected { get; }

    public IReadOnlyList<string> Unavailable { get; }

    /// <summary>The directory's changes after the snapshot; completes when the call ends.</summary>
    public Source<NodeChange, NotUsed> Changes => ChannelSource.FromReader(_changes.Reader);

    public void Dispose()
    {
        _subscription?.Dispose();
        _changes.Writer.TryComplete();
    }

    private void OnChange(NodeEntry entry)
    {
        NodeChange change = entry.State == NodeState.Connected && entry.Client is not null
            ? new NodeAvailable(ToQueryNode(entry))
            : new NodeUnavailable(entry.Name, entry.State == NodeState.Gone);
        _changes.Writer.TryWrite(change);
    }

    private QueryNode ToQueryNode(NodeEntry entry) =>
        new(entry.Name, request => _flows.Open(entry, request, _headers, _callEnded));
}
