using Grpc.AspNetCore.Server.Model;

namespace Relay.Benchmarks.Forwarder;

/// <summary>Binds <see cref="RawForwarderService"/> to the Observer routes it serves.</summary>
internal sealed class RawForwarderMethodProvider : IServiceMethodProvider<RawForwarderService>
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<RawForwarderService> context)
    {
        context.AddServerStreamingMethod(RawMethods.GetFlows, [], (s, request, writer, call) => s.GetFlows(request, writer, call));
        context.AddUnaryMethod(RawMethods.ServerStatus, [], (s, request, call) => s.ServerStatus(request, call));
    }
}
