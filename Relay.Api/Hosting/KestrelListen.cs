using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Relay.Api.Configuration;

namespace Relay.Api.Hosting;

/// <summary>Binds an upstream-style listen address (<c>:4245</c>, <c>host:port</c>, <c>[::1]:port</c>) on Kestrel.</summary>
internal static class KestrelListen
{
    /// <summary>
    /// Listens on every address <paramref name="address"/> stands for, configuring each endpoint with
    /// <paramref name="configure"/> and collecting it in <paramref name="endpoints"/> to read the bound ports later.
    /// </summary>
    public static void Bind(KestrelServerOptions kestrel, ListenAddress address, List<ListenOptions> endpoints, Action<ListenOptions> configure)
    {
        Action<ListenOptions> setup = listen =>
        {
            configure(listen);
            endpoints.Add(listen);
        };
        if (address.IsAnyHost)
        {
            kestrel.ListenAnyIP(address.Port, setup);
        }
        else if (IPAddress.TryParse(address.Host, out var ip))
        {
            kestrel.Listen(ip, address.Port, setup);
        }
        else if (string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(address.Port, setup);
        }
        else
        {
            foreach (var resolved in Dns.GetHostAddresses(address.Host!))
            {
                kestrel.Listen(resolved, address.Port, setup);
            }
        }
    }

    /// <summary>The first bound endpoint; Kestrel writes the real port back when 0 was asked.</summary>
    public static string BoundAddress(List<ListenOptions> endpoints) =>
        endpoints.Select(e => e.IPEndPoint).OfType<IPEndPoint>().Select(e => e.ToString()).FirstOrDefault() ?? string.Empty;
}
