using System.Diagnostics.CodeAnalysis;

namespace Relay.Api.Configuration;

/// <summary>A relay replica's cluster address as other replicas dial it: <c>host:port</c> or <c>[v6]:port</c>.</summary>
/// <param name="Host">A DNS name or IP.</param>
/// <param name="Port">1..65535; 0 only where the port may be left out (then the bound port is used).</param>
public sealed record ScaleOutAddress(string Host, int Port)
{
    public override string ToString() => Port == 0 ? Host : AddressSyntax.Join(Host, Port);

    /// <summary>Parses <c>host:port</c>; with <paramref name="portOptional"/>, also a bare host (port 0).</summary>
    public static bool TryParse(
        string text,
        bool portOptional,
        [NotNullWhen(true)] out ScaleOutAddress? address,
        [NotNullWhen(false)] out string? problem)
    {
        address = null;
        if (!AddressSyntax.TrySplitHost(text, text, out var host, out var portText, out problem))
            return false;
        var port = 0;
        if (portText is null)
        {
            if (!portOptional)
            {
                problem = $"\"{text}\" has no port (expected host:port)";
                return false;
            }
        }
        else if (!AddressSyntax.TryParsePort(portText, 1, out port, out problem))
        {
            return false;
        }
        address = new ScaleOutAddress(host, port);
        return true;
    }
}
