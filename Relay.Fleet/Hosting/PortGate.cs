using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;

namespace Relay.Fleet.Hosting;

/// <summary>
/// Opens and closes one listening port without unbinding it: while closed, new connections are
/// dropped as soon as they are accepted and live ones are aborted (with their streams), so clients
/// see the endpoint as unavailable, like a node that went away.
/// </summary>
internal sealed class PortGate
{
    private readonly ConcurrentDictionary<string, ConnectionContext> _connections = new();
    private readonly Lock _drainLock = new();
    private volatile bool _open;
    private TaskCompletionSource? _drained;

    public PortGate(bool open) => _open = open;

    /// <summary>The bound port (known once the host has started).</summary>
    public int Port { get; set; }

    public bool IsOpen => _open;

    /// <summary>Connections currently accepted on this port.</summary>
    public int ConnectionCount => _connections.Count;

    public void Open() => _open = true;

    /// <summary>Refuses new connections and aborts the live ones.</summary>
    public void Close()
    {
        _open = false;
        foreach (var connection in _connections.Values)
        {
            connection.Abort(new ConnectionAbortedException("the simulated endpoint was stopped"));
        }
    }

    /// <summary>Completes once no connection is left on the port, or after <paramref name="timeout"/>.</summary>
    public async Task WhenDrainedAsync(TimeSpan timeout)
    {
        Task drained;
        lock (_drainLock)
        {
            if (_connections.IsEmpty)
            {
                return;
            }

            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            drained = _drained.Task;
        }

        await Task.WhenAny(drained, Task.Delay(timeout));
    }

    /// <summary>The connection middleware to install on the port's listen options.</summary>
    public ConnectionDelegate Middleware(ConnectionDelegate next) => async connection =>
    {
        if (!_open)
        {
            connection.Abort(new ConnectionAbortedException("the simulated endpoint is stopped"));
            return;
        }

        _connections[connection.ConnectionId] = connection;
        try
        {
            // Closing may have raced with the registration above.
            if (!_open)
            {
                connection.Abort(new ConnectionAbortedException("the simulated endpoint is stopped"));
                return;
            }

            await next(connection);
        }
        finally
        {
            _connections.TryRemove(connection.ConnectionId, out _);
            lock (_drainLock)
            {
                if (_connections.IsEmpty && _drained is { } drained)
                {
                    _drained = null;
                    drained.TrySetResult();
                }
            }
        }
    };
}
