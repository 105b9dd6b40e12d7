using Akka.Actor;
using Hubble.Observer;
using Microsoft.Extensions.Logging;
using Relay.Actors.Nodes;
using static Relay.Actors.Peers.PeerMessages;

namespace Relay.Actors.Peers;

/// <summary>
/// Owns one node's connection. The check is a ServerStatus call bounded by the dial timeout: success makes the
/// node Connected (re-checked every <see cref="PeerManagerSettings.RecheckInterval"/>), failure Unavailable
/// (retried after 1 s doubling to 1 min, with jitter). A query's failure report triggers a check at once.
/// Everything it needs to start over is in its constructor, so a restart after a crash keeps the node.
/// </summary>
internal sealed class PeerActor : ReceiveActor, IWithTimers
{
    private const string CheckTimer = "check";
    private const string DeadlineTimer = "deadline";

    // Check ids are unique across restarts: a check started by a previous incarnation of this actor (same
    // ActorRef) can still answer and must be ignored.
    private static long s_lastCheckId;

    private readonly PeerInfo _peer;
    private readonly PeerManagerSettings _settings;
    private readonly INodeConnector _connector;
    private readonly INodeStateSink _sink;
    private readonly ILogger _log;
    private readonly Backoff _backoff;
    private INodeConnection? _connection;
    private NodeState _state = NodeState.Connecting;
    private int _failures;
    private long _checkId;
    private CancellationTokenSource? _checkCancel;

    public PeerActor(
        PeerInfo peer,
        PeerManagerSettings settings,
        INodeConnector connector,
        INodeStateSink sink,
        ILogger log)
    {
        _peer = peer;
        _settings = settings;
        _connector = connector;
        _sink = sink;
        _log = log;
        _backoff = new Backoff(settings.BackoffMin, settings.BackoffMax, settings.BackoffJitter);

        Receive<CheckNow>(_ => StartCheck());
        Receive<CheckSucceeded>(m => m.CheckId == _checkId, m => Succeeded(m.Status));
        Receive<CheckFailed>(m => m.CheckId == _checkId, m => Failed(m.Error));
        Receive<CheckTimedOut>(m => m.CheckId == _checkId, _ => Failed($"no answer within {_settings.DialTimeout}"));
        Receive<FailureReported>(m => Reported(m.Error));

        // Answers of abandoned checks (timed out, or from before a restart).
        Receive<CheckSucceeded>(_ => { });
        Receive<CheckFailed>(_ => { });
        Receive<CheckTimedOut>(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>A peer actor writing incarnation <paramref name="incarnation"/> of its node into <paramref name="registry"/>.</summary>
    public static Props Props(
        PeerInfo peer,
        long incarnation,
        PeerManagerSettings settings,
        INodeConnector connector,
        PeerRegistry registry,
        ILogger log) =>
        Props(peer, settings, connector, new RegistryNodeSink(registry, peer.Name, incarnation), log);

    /// <summary>A peer actor writing its node's state into <paramref name="sink"/>.</summary>
    public static Props Props(
        PeerInfo peer,
        PeerManagerSettings settings,
        INodeConnector connector,
        INodeStateSink sink,
        ILogger log) =>
        Akka.Actor.Props.Create(() => new PeerActor(peer, settings, connector, sink, log));

    protected override void PreStart()
    {
        // First start: the entry is already Connecting. After a restart: start over as Connecting.
        _sink.Update(e => e with { State = NodeState.Connecting, Client = null });
        StartCheck();
    }

    protected override void PreRestart(Exception reason, object message)
    {
        PeerLog.PeerActorRestarting(_log, _peer.Name, reason);
        base.PreRestart(reason, message);
    }

    protected override void PostStop()
    {
        EndCheck();
        try
        {
            _connection?.Dispose();
        }
        catch (Exception e)
        {
            _log.LogDebug(e, "Closing the connection of node {Node} failed", _peer.Name);
        }

        _connection = null;
    }

    private void StartCheck()
    {
        if (_checkId != 0)
        {
            return; // one check at a time
        }

        Timers.Cancel(CheckTimer);
        try
        {
            _connection ??= _connector.Connect(_peer.Address, _peer.TlsServerName);
        }
        catch (Exception e)
        {
            Failed(NodeErrors.Describe(e));
            return;
        }

        var id = Interlocked.Increment(ref s_lastCheckId);
        _checkId = id;
        _checkCancel = new CancellationTokenSource();
        Timers.StartSingleTimer(DeadlineTimer, new CheckTimedOut(id), _settings.DialTimeout);
        CheckAsync(_connection.Client, id, _settings.DialTimeout, _checkCancel.Token).PipeTo(Self);
    }

    private static async Task<object> CheckAsync(INodeClient client, long id, TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            return new CheckSucceeded(id, await client.ServerStatusAsync(timeout, ct).ConfigureAwait(false));
        }
        catch (Exception e)
        {
            return new CheckFailed(id, NodeErrors.Describe(e));
        }
    }

    private void Succeeded(ServerStatusResponse status)
    {
        EndCheck();
        _failures = 0;
        Timers.StartSingleTimer(CheckTimer, CheckNow.Instance, _settings.RecheckInterval);
        if (_state != NodeState.Connected)
        {
            PeerLog.NodeConnected(_log, _peer.Name, _peer.Address, status.Version);
        }

        _state = NodeState.Connected;
        var client = _connection!.Client;
        _sink.Update(e => e with
        {
            State = NodeState.Connected,
            Client = client,
            LastStatus = status,
            ConsecutiveFailures = 0,
        });
    }

    private void Failed(string error)
    {
        EndCheck();
        var delay = _backoff.Delay(_failures);
        _failures++;
        Timers.StartSingleTimer(CheckTimer, CheckNow.Instance, delay);
        if (_state != NodeState.Unavailable)
        {
            PeerLog.NodeUnavailable(_log, _peer.Name, _peer.Address, error, delay);
        }
        else
        {
            PeerLog.NodeStillUnavailable(_log, _peer.Name, error, delay);
        }

        _state = NodeState.Unavailable;
        var failures = _failures;
        _sink.Update(e => e with
        {
            State = NodeState.Unavailable,
            Client = null,
            LastError = error,
            ConsecutiveFailures = failures,
        });
    }

    private void Reported(string error)
    {
        // Only a node we believe connected needs a check: otherwise one is already scheduled or running.
        if (_state == NodeState.Connected && _checkId == 0)
        {
            PeerLog.NodeFailureReported(_log, _peer.Name, error);
            StartCheck();
        }
    }

    private void EndCheck()
    {
        _checkId = 0;
        Timers.Cancel(DeadlineTimer);
        if (_checkCancel is { } cancel)
        {
            _checkCancel = null;
            cancel.Cancel();
            cancel.Dispose();
        }
    }
}
