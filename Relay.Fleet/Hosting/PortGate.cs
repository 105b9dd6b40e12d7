using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;

namespace Relay.Fleet.Hosting;

/// <summary>
/// Opens and closes one listening port of a running host, like a node going down and coming back: closing
/// unbinds the port (connection attempts are refused) and aborts the live connections with their streams;
/// opening binds the same port again.
/// </summary>
internal sealed class PortGate
{
    private readonly ConcurrentDictionary<string, ConnectionContext> _connections = new();
    private readonly Lock _drainLock = new();
    private volatile bool _open;
    private GatedListener? _listener;
    private TaskCompletionSource? _drained;

    public PortGate(bool open) => _open = open;

    /// <summary>The bound port (known once the host has started).</summary>
    public int Port { get; private set; }

    public bool IsOpen => _open;

    /// <summary>Connections currently accepted on this port.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Binds the port again (same number) and accepts connections.</summary>
    public async Task OpenAsync()
    {
        _open = true;
        if (_listener is { } listener)
        {
            await listener.ReopenSocketAsync();
        }
    }

    /// <summary>Unbinds the port (new attempts are refused) and aborts the live connections; waits (briefly) until they are gone.</summary>
    public async Task CloseAsync(TimeSpan drainTimeout)
    {
        _open = false;
        if (_listener is { } listener)
        {
            await listener.CloseSocketAsync();
        }

        foreach (var connection in _connections.Values)
        {
            connection.Abort(new ConnectionAbortedException("the simulated endpoint was stopped"));
        }

        await WhenDrainedAsync(drainTimeout);
    }

    /// <summary>The connection middleware to install on the port's listen options.</summary>
    public ConnectionDelegate Middleware(ConnectionDelegate next) => async connection =>
    {
        _connections[connection.ConnectionId] = connection;
        try
        {
            // A connection accepted just before the port closed is dropped like the others.
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

    /// <summary>Called by the listener once bound.</summary>
    internal void Attach(GatedListener listener, int port)
    {
        _listener = listener;
        Port = port;
    }

    private async Task WhenDrainedAsync(TimeSpan timeout)
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
}
