using System.Buffers.Binary;
using System.Net;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Relay.Benchmarks.Micro;

/// <summary>
/// An in-process h2c Kestrel server with one server-streaming method that writes a fixed payload N times, either
/// flushing every message or batching up to 64 with <see cref="WriteFlags.BufferHint"/> as the relay does.
/// The request is 5 bytes: the count (int32, little endian) and 1 to buffer.
/// </summary>
internal sealed class GrpcWriteServer : IAsyncDisposable
{
    public const int BatchMax = 64;

    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create<byte[]>(
        (bytes, context) => context.Complete(bytes),
        context => context.PayloadAsNewBuffer());

    private static readonly WriteOptions Buffered = new(WriteFlags.BufferHint);

    private readonly WebApplication _app;

    private GrpcWriteServer(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    public static Method<byte[], byte[]> Stream { get; } = new(MethodType.ServerStreaming, "bench.Write", "Stream", Bytes, Bytes);

    public string Address { get; }

    public static byte[] Request(int count, bool buffered)
    {
        var request = new byte[5];
        BinaryPrimitives.WriteInt32LittleEndian(request, count);
        request[4] = buffered ? (byte)1 : (byte)0;
        return request;
    }

    public static async Task<GrpcWriteServer> StartAsync(byte[] payload)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(new Writer(payload));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceMethodProvider<Writer>, WriterMethods>());
        var app = builder.Build();
        app.MapGrpcService<Writer>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GrpcWriteServer(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The streaming method's implementation.</summary>
    internal sealed class Writer(byte[] payload)
    {
        public async Task Stream(byte[] request, IServerStreamWriter<byte[]> writer, ServerCallContext context)
        {
            var count = BinaryPrimitives.ReadInt32LittleEndian(request);
            var buffered = request[4] == 1;
            for (var i = 0; i < count; i++)
            {
                // Every BatchMax-th message, and the last, flushes; the others only buffer.
                var hint = buffered && (i + 1) % BatchMax != 0 && i < count - 1;
                writer.WriteOptions = hint ? Buffered : null;
                await writer.WriteAsync(payload, context.CancellationToken);
            }
        }
    }

    private sealed class WriterMethods : IServiceMethodProvider<Writer>
    {
        public void OnServiceMethodDiscovery(ServiceMethodProviderContext<Writer> context) =>
            context.AddServerStreamingMethod(GrpcWriteServer.Stream, [], (s, request, writer, call) => s.Stream(request, writer, call));
    }
}
