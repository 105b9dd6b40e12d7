using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Relay.Api.Metrics;

/// <summary>
/// Counts every call the relay serves into <see cref="GrpcServerMetrics"/>, as go-grpc-prometheus' interceptors do
/// upstream: started when it begins, the request and each streamed message as received/sent, and on the way out
/// the status code and the handling time. Registered globally, so it also covers methods bound by a custom
/// <c>IServiceMethodProvider</c> (GetFlows).
/// </summary>
internal sealed class GrpcServerMetricsInterceptor(GrpcServerMetrics metrics) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var (method, started) = Start(context, MethodType.Unary);
        method.Received.Inc();
        try
        {
            var response = await continuation(request, context).ConfigureAwait(false);
            method.Sent.Inc();
            Finish(method, started, CodeOnReturn(context));
            return response;
        }
        catch (Exception error)
        {
            Finish(method, started, CodeOnThrow(context, error));
            throw;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var (method, started) = Start(context, MethodType.ServerStreaming);
        method.Received.Inc();
        await Run(method, started, context, () => continuation(request, new CountingStreamWriter<TResponse>(responseStream, method.Sent), context))
            .ConfigureAwait(false);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var (method, started) = Start(context, MethodType.ClientStreaming);
        try
        {
            var response = await continuation(new CountingStreamReader<TRequest>(requestStream, method.Received), context).ConfigureAwait(false);
            method.Sent.Inc();
            Finish(method, started, CodeOnReturn(context));
            return response;
        }
        catch (Exception error)
        {
            Finish(method, started, CodeOnThrow(context, error));
            throw;
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var (method, started) = Start(context, MethodType.DuplexStreaming);
        await Run(
                method,
                started,
                context,
                () => continuation(
                    new CountingStreamReader<TRequest>(requestStream, method.Received),
                    new CountingStreamWriter<TResponse>(responseStream, method.Sent),
                    context))
            .ConfigureAwait(false);
    }

    private (GrpcMethodMetrics Method, long Started) Start(ServerCallContext context, MethodType type)
    {
        var method = metrics.For(context.Method, type);
        method.Started.Inc();
        return (method, metrics.Clock.GetTimestamp());
    }

    private async Task Run(GrpcMethodMetrics method, long started, ServerCallContext context, Func<Task> handler)
    {
        try
        {
            await handler().ConfigureAwait(false);
            Finish(method, started, CodeOnReturn(context));
        }
        catch (Exception error)
        {
            Finish(method, started, CodeOnThrow(context, error));
            throw;
        }
    }

    private void Finish(GrpcMethodMetrics method, long started, StatusCode code)
    {
        method.Handled(code);
        method.Handling.Observe(metrics.Clock.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>
    /// A handler that returned normally answered OK, unless it set another status, or the client went away
    /// first (GetFlows ends quietly when its caller cancels; upstream counts that call as Canceled).
    /// </summary>
    private StatusCode CodeOnReturn(ServerCallContext context)
    {
        if (context.Status.StatusCode != StatusCode.OK)
        {
            return context.Status.StatusCode;
        }

        return context.CancellationToken.IsCancellationRequested ? Ended(context) : StatusCode.OK;
    }

    private StatusCode CodeOnThrow(ServerCallContext context, Exception error) => error switch
    {
        RpcException rpc => rpc.StatusCode,
        OperationCanceledException when context.CancellationToken.IsCancellationRequested => Ended(context),
        _ => StatusCode.Unknown,
    };

    private StatusCode Ended(ServerCallContext context) =>
        context.Deadline <= metrics.Clock.GetUtcNow().UtcDateTime ? StatusCode.DeadlineExceeded : StatusCode.Cancelled;
}
