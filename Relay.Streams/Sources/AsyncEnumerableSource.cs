using Akka;
using Akka.Streams.Dsl;

namespace Relay.Streams.Sources;

/// <summary>
/// A source reading an <see cref="IAsyncEnumerable{T}"/> (a node's gRPC response stream) with a synchronous fast
/// path: a read that completes at once — the message is already buffered by HTTP/2 — is pushed in the same step,
/// without a hop to the thread pool and back into the stream's actor; only a read that has to wait goes through an
/// async callback. One read per downstream pull. Cancelling the source cancels the enumeration (ending the call)
/// and disposes the enumerator; a failed read fails the source with the enumerator's own exception (e.g. the
/// <c>RpcException</c>), unwrapped.
/// </summary>
public static class AsyncEnumerableSource
{
    /// <summary>
    /// A source over the enumerable <paramref name="open"/> returns, called once per materialization; the enumerator
    /// gets a token that is cancelled when the source stops early.
    /// </summary>
    public static Source<T, NotUsed> From<T>(Func<IAsyncEnumerable<T>> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        return Source.FromGraph(new AsyncEnumerableStage<T>(open));
    }
}
