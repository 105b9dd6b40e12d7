using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using Grpc.Core;
using Hubble.Observer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Relay.Actors.Peers;
using Relay.Streams.Sharing;
using Relay.Streams.Time;
using Relay.Streams.Wire;

namespace Relay.Actors.Flows;

/// <summary>
/// Live follow streams shared between queries: queries following a node with the same request shape (filters,
/// field mask) read one node stream, through a <see cref="FlowHub"/> that gives each a bounded buffer and tells
/// a query that falls behind what it missed. Requests with a history part (no follow, <c>number</c>,
/// <c>until</c>) go to the inner <see cref="INodeFlows"/> as their own streams; a follow request starting before
/// a shared stream's replay window reads the gap from the node as history, then shares. The shared node call belongs to no query: it is opened with the
/// first follower's headers, at its <c>since</c> less <see cref="SharedFlowSettings.LookBack"/>, and cancelled
/// when its last follower leaves.
/// </summary>
public sealed class SharedNodeFlows : INodeFlows
{
    private readonly INodeFlows _inner;
    private readonly IMaterializer _materializer;
    private readonly SharedFlowSettings _settings;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<SharingKey, FlowHub> _hubs = [];
    private readonly TimeProvider _clock;
    private ITimer? _expiry;
    private long _droppedByClosedHubs;
    private long _unshared;

    /// <param name="inner">Opens the node streams, shared or not.</param>
    /// <param name="materializer">Runs the shared node streams.</param>
    /// <param name="settings">Each follower's buffer and the replay window.</param>
    /// <param name="logger">Where stream openings and closings go (debug).</param>
    /// <param name="clock">Ages the replay windows of streams gone quiet; the system clock when null.</param>
    public SharedNodeFlows(INodeFlows inner, IMaterializer materializer, SharedFlowSettings settings, ILogger? logger = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(materializer);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _inner = inner;
        _materializer = materializer;
        _settings = settings;
        _logger = logger ?? NullLogger.Instance;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>How many streams are shared and by how many followers, and what was dropped or not shared.</summary>
    public SharedFlowStats Stats
    {
        get
        {
            lock (_gate)
            {
                return new SharedFlowStats(
                    _hubs.Count,
                    _hubs.Values.Sum(h => h.FollowerCount),
                    _droppedByClosedHubs + _hubs.Values.Sum(h => h.FlowsDropped),
                    Interlocked.Read(ref _unshared));
            }
        }
    }

    public Source<RawFlowResponse, NotUsed> Open(NodeEntry node, GetFlowsRequest request, Metadata headers, CancellationToken callEnded)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(request);
        if (!SharingKey.TryCreate(node.Name, request, out var key))
        {
            return _inner.Open(node, request, headers, callEnded);
        }

        // Joined when the query's merge first pulls, not before: a follower never waits in a hub unread.
        return Source.Lazily(() => Follow(key, node, request, headers, callEnded))
            .MapMaterializedValue(_ => NotUsed.Instance);
    }

    private Source<RawFlowResponse, NotUsed> Follow(SharingKey key, NodeEntry node, GetFlowsRequest request, Metadata headers, CancellationToken callEnded)
    {
        var since = UnixNanos.From(request.Since);
        var start = StartOf(since);
        var joined = FlowHubJoin.Terminated;
        var from = since;
        FlowHubSubscription? subscription = null;
        FlowHub? started = null;
        lock (_gate)
        {
            if (_hubs.TryGetValue(key, out var running))
            {
                joined = running.TryJoinFrom(since, out subscription, out from);
            }

            if (joined == FlowHubJoin.Terminated)
            {
                // None yet, or the one there is ending: a new hub, joined before its upstream starts, so the
                // first follower is always in (even when the node fails at once).
                started = new FlowHub(node.Name, start, _settings);
                joined = started.TryJoinFrom(since, out subscription, out from);
                _hubs[key] = started;
                StartExpiry();
            }
        }

        if (started is not null)
        {
            var upstream = request.Clone();
            if (start != since)
            {
                upstream.Since = UnixNanos.ToTimestamp(start);
            }

            Start(key, started, node, upstream, headers);
        }

        if (from == since)
        {
            return subscription!.AsSource();
        }

        // The shared stream no longer holds the start this follower asks for (a query resuming a node at its
        // last flow, after a while): it reads that gap from the node as history, then shares from where the
        // shared stream's window starts. Both parts are materialized together, so the subscription is left
        // however the gap call ends.
        Interlocked.Increment(ref _unshared);
        SharedFlowsLog.Unshared(_logger, node.Name);
        return _inner.Open(node, GapRequest(request, from), headers, callEnded).Concat(subscription!.AsSource());
    }

    /// <summary>The follower's request as history up to (not including) <paramref name="from"/>.</summary>
    private static GetFlowsRequest GapRequest(GetFlowsRequest request, long from)
    {
        var gap = request.Clone();
        gap.Follow = false;
        gap.Number = 0;
        gap.First = false;
        gap.Until = UnixNanos.ToTimestamp(from - 1); // until is inclusive: the shared part starts at from
        return gap;
    }

    /// <summary>
    /// While any stream is shared, ages the look-back part of the replay windows every
    /// <see cref="SharedFlowSettings.ReplayAge"/> on the relay's clock: a stream's own responses age its window only
    /// while they keep coming. Caller holds the gate.
    /// </summary>
    private void StartExpiry()
    {
        if (_expiry is not null || _settings.ReplayAge is not { } age || age <= TimeSpan.Zero)
        {
            return;
        }

        _expiry = _clock.CreateTimer(_ => ExpireReplays(age), null, age, age);
    }

    private void ExpireReplays(TimeSpan age)
    {
        FlowHub[] hubs;
        lock (_gate)
        {
            hubs = [.. _hubs.Values];
        }

        var before = UnixNanos.From(_clock.GetUtcNow() - age);
        foreach (var hub in hubs)
        {
            hub.ExpireLookBack(before);
        }
    }

    /// <summary>Where a shared stream whose first follower starts at <paramref name="since"/> starts.</summary>
    private long StartOf(long since)
    {
        // Never before the Unix epoch: no flow is older, and a timestamp before it would need care for nothing.
        var lookBack = UnixNanos.Of(_settings.LookBack);
        return since <= 0 ? since : Math.Max(0, since - lookBack);
    }

    private void Start(SharingKey key, FlowHub hub, NodeEntry node, GetFlowsRequest request, Metadata headers)
    {
        // The node call lives as long as the hub, not as the first follower's call.
        var lifetime = new CancellationTokenSource();
        hub.Terminated.ContinueWith(
            _ =>
            {
                lifetime.Cancel();
                lifetime.Dispose();
                lock (_gate)
                {
                    _droppedByClosedHubs += hub.FlowsDropped;
                    if (_hubs.TryGetValue(key, out var current) && ReferenceEquals(current, hub))
                    {
                        _hubs.Remove(key);
                    }

                    if (_hubs.Count == 0)
                    {
                        _expiry?.Dispose();
                        _expiry = null;
                    }
                }

                SharedFlowsLog.Closed(_logger, node.Name, hub.Failure?.Message ?? "ended", hub.FlowsDropped);
            },
            TaskScheduler.Default);

        var copied = new Metadata();
        foreach (var entry in headers)
        {
            copied.Add(entry);
        }

        try
        {
            if (_inner is INodeFlowReader reader)
            {
                _ = SharedFlowPump.Run(hub, reader.Read(node, request, copied, lifetime.Token));
            }
            else
            {
                SharedFlowStream.Run(hub, _inner.Open(node, request, copied, lifetime.Token), _materializer);
            }

            SharedFlowsLog.Opened(_logger, node.Name);
        }
        catch (Exception error)
        {
            // Not even opened (e.g. the node has no client any more): its followers fail as if it had failed, and
            // the next follower tries again.
            hub.Fail(error);
        }
    }
}
