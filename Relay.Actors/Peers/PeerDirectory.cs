using Akka.Actor;
using Microsoft.Extensions.Logging;
using Relay.Actors.Nodes;
using static Relay.Actors.Peers.PeerMessages;

namespace Relay.Actors.Peers;

/// <summary>
/// The running peer manager behind an <see cref="IPeerDirectory"/>. <see cref="Start"/> starts it; disposing it
/// stops the actors, which closes every node connection and publishes every node as Gone.
/// </summary>
public sealed class PeerDirectory : IPeerDirectory, IDisposable, IAsyncDisposable
{
    /// <summary>The name of the manager actor under <c>/user</c>; one directory per actor system.</summary>
    public const string ManagerName = "peer-manager";

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly PeerRegistry _registry;
    private readonly IActorRef _manager;

    private PeerDirectory(PeerRegistry registry, IActorRef manager)
    {
        _registry = registry;
        _manager = manager;
    }

    /// <inheritdoc />
    public IReadOnlyList<NodeEntry> Nodes => _registry.Nodes;

    /// <inheritdoc />
    public PeerServiceStatus PeerService => _registry.PeerService;

    /// <summary>Starts following the peer service in <paramref name="system"/>.</summary>
    /// <exception cref="ArgumentException">The settings are not usable; the message lists every problem.</exception>
    public static PeerDirectory Start(
        ActorSystem system,
        PeerManagerSettings settings,
        INodeConnector connector,
        IPeerNotifierFactory notifiers,
        ILoggerFactory loggers,
        TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(notifiers);
        ArgumentNullException.ThrowIfNull(loggers);
        ArgumentNullException.ThrowIfNull(time);
        var errors = settings.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid peer manager settings: " + string.Join("; ", errors), nameof(settings));
        }

        var registry = new PeerRegistry(settings.PeerServiceAddress, time, loggers.CreateLogger<PeerDirectory>());
        var manager = system.ActorOf(PeerManager.Props(settings, connector, notifiers, registry, loggers), ManagerName);
        return new PeerDirectory(registry, manager);
    }

    /// <inheritdoc />
    public IDisposable Subscribe(Action<NodeEntry> onChange) => _registry.Subscribe(onChange);

    /// <inheritdoc />
    public void ReportNodeFailure(string node, Exception error)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(error);
        _manager.Tell(new ReportFailure(node, NodeErrors.Describe(error)));
    }

    /// <inheritdoc />
    public Task<bool> WaitForInitialSyncAsync(TimeSpan timeout, CancellationToken ct = default) =>
        _registry.WaitForInitialSyncAsync(timeout, ct);

    /// <summary>Stops the actors and waits (up to 5 s) until every node connection is closed.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _manager.GracefulStop(StopTimeout).ConfigureAwait(false);
        }
        catch (TaskCanceledException)
        {
            // Stopping continues in the background.
        }
    }

    /// <summary>Stops the actors without waiting; connections close as they stop.</summary>
    public void Dispose() => _manager.Tell(PoisonPill.Instance);
}
