using Grpc.Net.Client;

namespace Relay.Actors.Nodes;

/// <summary>A node connection backed by its own <see cref="GrpcChannel"/>.</summary>
internal sealed class GrpcNodeConnection(GrpcChannel channel, string relayVersion) : INodeConnection
{
    public INodeClient Client { get; } = new GrpcNodeClient(channel.CreateCallInvoker(), relayVersion);

    public void Dispose() => channel.Dispose();
}
