using Grpc.AspNetCore.Server.Model;

namespace Relay.Api.Grpc;

/// <summary>
/// Binds <see cref="ObserverService"/> to the <c>observer.Observer</c> routes with the relay's own method
/// definitions (<see cref="ObserverMethods"/>), so GetFlows can answer with raw bytes.
/// </summary>
internal sealed class ObserverMethodProvider : IServiceMethodProvider<ObserverService>
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<ObserverService> context)
    {
        context.AddServerStreamingMethod(ObserverMethods.GetFlows, [], (s, request, writer, call) => s.GetFlows(request, writer, call));
        context.AddServerStreamingMethod(ObserverMethods.GetAgentEvents, [], (s, request, writer, call) => s.GetAgentEvents(request, writer, call));
        context.AddServerStreamingMethod(ObserverMethods.GetDebugEvents, [], (s, request, writer, call) => s.GetDebugEvents(request, writer, call));
        context.AddUnaryMethod(ObserverMethods.GetNodes, [], (s, request, call) => s.GetNodes(request, call));
        context.AddUnaryMethod(ObserverMethods.GetNamespaces, [], (s, request, call) => s.GetNamespaces(request, call));
        context.AddUnaryMethod(ObserverMethods.ServerStatus, [], (s, request, call) => s.ServerStatus(request, call));
    }
}
