using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Util;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Relay.Actors.Flows;
using Relay.Actors.Peers;

namespace Relay.Actors.Cluster.Streams;

/// <summary>
/// The owner's side of the node calls other replicas make: the shard entity that owns a node hands every message
/// <see cref="Handles"/> accepts to <see cref="Handle"/> with its current view of the node. Streams are opened
/// here with the owner's <see cref="INodeFlows"/> and client and handed out as SourceRefs, pulled only as fast as
/// the caller consumes; a node failure becomes the stream's last element, so the caller raises the same status.
/// Never blocks the calling actor: answers are sent to <c>replyTo</c> when ready.
/// </summary>
public sealed class NodeStreamHost : IDisposable
{
    private readonly INodeFlows _localFlows;
    private readonly IMaterializer _materializer;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    /// <param name="localFlows">How this replica opens a node's GetFlows stream (possibly shared between queries).</param>
    /// <param name="materializer">Runs the streams handed out; must be an actor materializer (StreamRefs need one).</param>
    /// <param name="time">Clock of the deadline given to a node's namespaces query.</param>
    /// <param name="logger">Where stream openings and refusals are logged.</param>
    public NodeStreamHost(INodeFlows localFlows, IMaterializer materializer, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(localFlows);
        ArgumentNullException.ThrowIfNull(materializer);
        _localFlows = localFlows;
        _materializer = materializer;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>True for the messages <see cref="Handle"/> serves.</summary>
    public static bool Handles(object message) =>
        message is OpenNodeFlows or OpenNodeAgentEvents or OpenNodeDebugEvents or QueryNodeServerStatus or QueryNodeNamespaces;

    /// <summary>
    /// Serves <paramref name="message"/> for <paramref name="node"/> and sends the answer to <paramref name="replyTo"/>:
    /// an <see cref="ISourceRef{T}"/> of <see cref="object"/> for an open, the Hubble response for a query, or a
    /// <see cref="NodeCallFailure"/> (<c>Unavailable</c> when the node is not connected here).
    /// </summary>
    public void Handle(object message, NodeEntry node, IActorRef replyTo)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(replyTo);
        if (!Handles(message))
        {
            throw new ArgumentException($"{message.GetType().Name} is not a node stream message", nameof(message));
        }

        if (node is not { State: NodeState.Connected, Client: { } client } || _stopping.IsCancellationRequested)
        {
            NodeStreamHostLog.Refused(_logger, node.Name, node.State);
            replyTo.Tell(NotServed(node), ActorRefs.NoSender);
            return;
        }

        switch (message)
        {
            case OpenNodeFlows open:
                Serve(node.Name, "GetFlows", replyTo, ct =>
                    _localFlows.Open(node, open.Request ?? new(), CallHeaders.ToMetadata(open.Headers), ct).Select(r => (object)r));
                break;
            case OpenNodeAgentEvents open:
                Serve(node.Name, "GetAgentEvents", replyTo, ct => Source
                    .From(() => client.GetAgentEventsAsync(open.Request ?? new(), CallHeaders.ToMetadata(open.Headers), ct))
                    .Select(e => (object)e));
                break;
            case OpenNodeDebugEvents open:
                Serve(node.Name, "GetDebugEvents", replyTo, ct => Source
                    .From(() => client.GetDebugEventsAsync(open.Request ?? new(), CallHeaders.ToMetadata(open.Headers), ct))
                    .Select(e => (object)e));
                break;
            case QueryNodeServerStatus query:
                // The node client applies the deadline itself.
                _ = AnswerAsync(node.Name, replyTo, null, ct => client.ServerStatusAsync(TimeoutOf(query.Timeout), ct));
                break;
            case QueryNodeNamespaces query:
                _ = AnswerAsync(node.Name, replyTo, TimeoutOf(query.Timeout), ct =>
                    client.GetNamespacesAsync(query.Request ?? new(), CallHeaders.ToMetadata(query.Headers), ct));
                break;
        }
    }

    /// <summary>Ends every stream and call served here (the node is no longer owned here); callers see <c>Unavailable</c>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }

    /// <summary>The caller's deadline for the node, or the default one when it sent none.</summary>
    private static TimeSpan TimeoutOf(Duration? timeout) =>
        timeout?.ToTimeSpan() is { } t && t > TimeSpan.Zero ? t : RemoteNodeSettings.Default.CallTimeout;

    private static NodeCallFailure NotServed(NodeEntry node) => NodeCallFailure.Of(
        node.Name,
        StatusCode.Unavailable,
        node.LastError is { } error ? $"node {node.Name} is {node.State}: {error}" : $"node {node.Name} is {node.State}");

    private void Serve(string node, string method, IActorRef replyTo, Func<CancellationToken, Source<object, NotUsed>> open)
    {
        Source<object, NotUsed> elements;
        try
        {
            elements = open(_stopping.Token);
        }
        catch (Exception error)
        {
            replyTo.Tell(NodeCallFailure.Of(node, StatusCode.Unavailable, error.Message), ActorRefs.NoSender);
            return;
        }

        var sourceRef = elements
            .Recover(error => Option<object>.Create(FailureOf(node, error)))
            .RunWith(StreamRefs.SourceRef<object>(), _materializer);
        NodeStreamHostLog.StreamOpened(_logger, node, method, replyTo.Path.Address.ToString());
        sourceRef.PipeTo(
            replyTo,
            success: r => r,
            failure: error => NodeCallFailure.Of(node, StatusCode.Unavailable, error.Message));
    }

    private async Task AnswerAsync<T>(string node, IActorRef replyTo, TimeSpan? deadline, Func<CancellationToken, Task<T>> call)
        where T : class
    {
        using var timeout = deadline is { } d
            ? new CancellationTokenSource(d, _time)
            : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, timeout.Token);
        object answer;
        try
        {
            answer = await call(linked.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (timeout.IsCancellationRequested && !_stopping.IsCancellationRequested)
        {
            answer = NodeCallFailure.Of(node, StatusCode.DeadlineExceeded, $"node {node} did not answer within {deadline}: {error.Message}");
        }
        catch (Exception error)
        {
            answer = FailureOf(node, error);
        }

        replyTo.Tell(answer, ActorRefs.NoSender);
    }

    private NodeCallFailure FailureOf(string node, Exception error) => _stopping.IsCancellationRequested
        ? NodeCallFailure.Of(node, StatusCode.Unavailable, $"node {node}: its owner replica stopped serving it")
        : NodeCallFailure.From(node, error);
}
