using Grpc.Core;
using Prometheus;

namespace Relay.Api.Metrics;

/// <summary>A request stream that counts each message it yields.</summary>
internal sealed class CountingStreamReader<T>(IAsyncStreamReader<T> inner, ICounter received) : IAsyncStreamReader<T>
{
    public T Current => inner.Current;

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        var more = await inner.MoveNext(cancellationToken).ConfigureAwait(false);
        if (more)
        {
            received.Inc();
        }

        return more;
    }
}
