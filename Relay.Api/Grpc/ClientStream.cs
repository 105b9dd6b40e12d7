using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using Grpc.Core;

namespace Relay.Api.Grpc;

/// <summary>
/// Runs a response graph into a gRPC server stream: each write is awaited (backpressure to the nodes), the
/// graph is torn down when the client goes away, and ends the call with UNAVAILABLE ("relay shutting down")
/// when the relay stops.
/// </summary>
internal static class ClientStream
{
    public static async Task RunAsync<T, TMat>(
        Source<T, TMat> source,
        Func<T, Task> write,
        IMaterializer materializer,
        CancellationToken callEnded,
        CancellationToken shuttingDown,
        Action<TMat>? materialized = null)
    {
        var ((value, killSwitch), done) = source
            .ViaMaterialized(KillSwitches.Single<T>(), Keep.Both)
            .ToMaterialized(Sink.ForEachAsync(1, write), Keep.Both)
            .Run(materializer);
        materialized?.Invoke(value);

        await using var stop = callEnded.Register(killSwitch.Shutdown);
        await using var abort = shuttingDown.Register(
            () => killSwitch.Abort(new RpcException(new Status(StatusCode.Unavailable, "relay shutting down"))));
        try
        {
            await done.ConfigureAwait(false);
        }
        catch (Exception) when (callEnded.IsCancellationRequested)
        {
            // The client went away; every node call was cancelled with the stream.
        }
    }

    /// <summary>Groups what is ready while the writer is busy, so a burst costs one flush, not one per response.</summary>
    public static Source<List<T>, TMat> Batched<T, TMat>(this Source<T, TMat> source, int max) =>
        source.Batch(max, first => new List<T> { first }, (batch, next) =>
        {
            batch.Add(next);
            return batch;
        });
}
