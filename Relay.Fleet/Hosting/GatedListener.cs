using System.Net;
using Microsoft.AspNetCore.Connections;

namespace Relay.Fleet.Hosting;

/// <summary>
/// A listening socket that can be closed and reopened on the same port while Kestrel keeps accepting from
/// it: while closed, connection attempts are refused by the operating system, as for a node that is down.
/// </summary>
internal sealed class GatedListener : IConnectionListener
{
    private readonly IConnectionListenerFactory _sockets;
    private readonly PortGate _gate;
    private readonly SemaphoreSlim _switch = new(1, 1);
    private readonly CancellationTokenSource _unbound = new();

    // Unbound socket listeners are disposed only at the end: disposing one releases the memory its
    // connections may still be using while they are being aborted.
    private readonly List<IConnectionListener> _retired = [];
    private IConnectionListener? _inner;
    private TaskCompletionSource _reopened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GatedListener(IConnectionListenerFactory sockets, PortGate gate)
    {
        _sockets = sockets;
        _gate = gate;
    }

    public EndPoint EndPoint { get; private set; } = new IPEndPoint(IPAddress.Loopback, 0);

    /// <summary>Binds the port for the first time (0 = a free one) and tells the gate which port it got.</summary>
    public async Task BindAsync(int port, CancellationToken cancellationToken)
    {
        _inner = await _sockets.BindAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
        EndPoint = _inner.EndPoint;
        _gate.Attach(this, ((IPEndPoint)EndPoint).Port);
        if (!_gate.IsOpen)
        {
            await CloseSocketAsync();
        }
    }

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        while (!_unbound.IsCancellationRequested)
        {
            // Read the reopen signal before the socket: a reopen sets the socket first, then fires the signal.
            var reopened = Volatile.Read(ref _reopened).Task;
            var inner = Volatile.Read(ref _inner);
            if (inner is null)
            {
                try
                {
                    await reopened.WaitAsync(_unbound.Token).WaitAsync(cancellationToken);
                }
                catch (OperationCanceledException) when (_unbound.IsCancellationRequested)
                {
                    return null;
                }

                continue;
            }

            ConnectionContext? connection;
            try
            {
                connection = await inner.AcceptAsync(cancellationToken);
            }
            catch (ObjectDisposedException)
            {
                connection = null;
            }

            if (connection is not null)
            {
                return connection;
            }

            // The socket was closed under the accept: by the gate (wait for it to reopen) or for good.
        }

        return null;
    }

    /// <summary>Closes the listening socket: new connection attempts are refused.</summary>
    public async Task CloseSocketAsync()
    {
        await _switch.WaitAsync();
        try
        {
            var inner = Interlocked.Exchange(ref _inner, null);
            if (inner is not null)
            {
                await inner.UnbindAsync();
                _retired.Add(inner);
            }
        }
        finally
        {
            _switch.Release();
        }
    }

    /// <summary>Binds the same port again and resumes accepting.</summary>
    public async Task ReopenSocketAsync()
    {
        await _switch.WaitAsync();
        try
        {
            if (_inner is not null || _unbound.IsCancellationRequested)
            {
                return;
            }

            Volatile.Write(ref _inner, await _sockets.BindAsync(EndPoint));
            Interlocked.Exchange(ref _reopened, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
        finally
        {
            _switch.Release();
        }
    }

    public async ValueTask UnbindAsync(CancellationToken cancellationToken = default)
    {
        await _unbound.CancelAsync();
        await CloseSocketAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _unbound.CancelAsync();
        await CloseSocketAsync();
        foreach (var retired in _retired)
        {
            await retired.DisposeAsync();
        }

        _retired.Clear();
    }
}
