using Grpc.Core;

namespace Relay.Api.Hosting;

/// <summary>
/// A server stream's response writer that shutdown can take over: <see cref="CloseAsync"/> waits for the write in
/// progress, after which the call's own writes fail, so the stream's end (UNAVAILABLE "relay shutting down") is
/// written by <see cref="ShutdownInterceptor"/> and never interleaved with a message.
/// </summary>
internal sealed class ShutdownGatedWriter<T>(IServerStreamWriter<T> inner) : IServerStreamWriter<T>
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _closed;

    public WriteOptions? WriteOptions
    {
        get => inner.WriteOptions;
        set => inner.WriteOptions = value;
    }

    public Task WriteAsync(T message) => WriteAsync(message, CancellationToken.None);

    public async Task WriteAsync(T message, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_closed)
            {
                throw ShutdownInterceptor.ShuttingDown();
            }

            await inner.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Waits for the write in progress (a client that does not read holds it until Kestrel's grace ends).</summary>
    public async Task CloseAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        _closed = true;
        _gate.Release();
    }
}
