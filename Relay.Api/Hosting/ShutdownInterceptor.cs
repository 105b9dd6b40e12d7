using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Relay.Api.Hosting;

/// <summary>
/// Ends every open server stream (GetFlows, GetAgentEvents, GetDebugEvents, health Watch) with UNAVAILABLE
/// "relay shutting down" as soon as shutdown begins. Without it Kestrel waits for open streams until the grace
/// period ends — a follow query or a health watch would hold a SIGTERM for the whole grace period, past the
/// Cilium chart's one-second termination grace — and a call aborted mid-query surfaced as UNKNOWN.
/// </summary>
internal sealed class ShutdownInterceptor(RelayShutdown shutdown) : Interceptor
{
    public static RpcException ShuttingDown() => new(new Status(StatusCode.Unavailable, "relay shutting down"));

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var writer = new ShutdownGatedWriter<TResponse>(responseStream);
        var handler = continuation(request, writer, context);
        try
        {
            await handler.WaitAsync(shutdown.Token).ConfigureAwait(false);
            return;
        }
        catch (Exception error) when (error is not RpcException && shutdown.Token.IsCancellationRequested)
        {
            // Shutdown began, or the call failed because of it: end the stream below.
        }

        await writer.CloseAsync().ConfigureAwait(false);
        // The handler finishes on its own (its query is aborted, its next write fails); nothing waits for it.
        _ = handler.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        throw ShuttingDown();
    }
}
