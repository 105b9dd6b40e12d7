using Grpc.Core;
using Prometheus;

namespace Relay.Api.Metrics;

/// <summary>A response stream that counts each message once it is written.</summary>
internal sealed class CountingStreamWriter<T>(IServerStreamWriter<T> inner, ICounter sent) : IServerStreamWriter<T>
{
    public WriteOptions? WriteOptions
    {
        get => inner.WriteOptions;
        set => inner.WriteOptions = value;
    }

    public Task WriteAsync(T message) => Count(inner.WriteAsync(message));

    public Task WriteAsync(T message, CancellationToken cancellationToken) => Count(inner.WriteAsync(message, cancellationToken));

    /// <summary>Most writes complete synchronously (buffered); only the rest pay for an await.</summary>
    private Task Count(Task write)
    {
        if (write.IsCompletedSuccessfully)
        {
            sent.Inc();
            return write;
        }

        return Awaited(write);
    }

    private async Task Awaited(Task write)
    {
        await write.ConfigureAwait(false);
        sent.Inc();
    }
}
