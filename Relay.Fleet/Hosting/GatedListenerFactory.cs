using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Relay.Fleet.Hosting;

/// <summary>Binds <see cref="GatedEndPoint"/>s with Kestrel's socket transport, behind a <see cref="GatedListener"/>.</summary>
internal sealed class GatedListenerFactory(ILoggerFactory loggerFactory) : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    private readonly SocketTransportFactory _sockets = new(Options.Create(new SocketTransportOptions()), loggerFactory);

    public bool CanBind(EndPoint endpoint) => endpoint is GatedEndPoint;

    public async ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var gated = (GatedEndPoint)endpoint;
        var listener = new GatedListener(_sockets, gated.Gate);
        await listener.BindAsync(gated.Port, cancellationToken);
        return listener;
    }
}
