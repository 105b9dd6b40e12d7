using System.Globalization;
using System.Net;
using System.Text;
using Akka.Actor;
using Akka.Configuration;
using Relay.Api.Configuration;

namespace Relay.Api.Hosting.ScaleOut;

/// <summary>
/// The Akka configuration of a relay replica: <c>hocon/cluster.hocon</c> with the remoting addresses from the
/// settings and <c>hocon/serialization.hocon</c>, layered over <c>hocon/relay.hocon</c>.
/// </summary>
internal static class ScaleOutHocon
{
    /// <summary>The actor system's name, part of every replica's address; the same on every replica.</summary>
    public const string SystemName = "hubble-relay";

    public static Config For(ScaleOutOptions options) =>
        ConfigurationFactory.ParseString(Settings(options, Dns.GetHostName()))
            .WithFallback(RelayHocon.LoadCluster())
            .WithFallback(RelayHocon.LoadSerialization())
            .WithFallback(RelayHocon.Load());

    /// <summary>
    /// The HOCON the settings add; <paramref name="hostName"/> is dialled back when nothing better is known. Joining
    /// is not configured here (no <c>seed-nodes</c>): <see cref="ScaleOutHost"/> joins once the directory listens.
    /// </summary>
    internal static string Settings(ScaleOutOptions options, string hostName)
    {
        var bindHost = options.ListenAddress.Host ?? "0.0.0.0";
        var publicHost = options.PublicAddress?.Host ?? (options.ListenAddress.IsAnyHost ? hostName : bindHost);
        return new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"akka.remote.dot-netty.tcp.hostname = {Quote(bindHost)}")
            .AppendLine(CultureInfo.InvariantCulture, $"akka.remote.dot-netty.tcp.port = {options.ListenAddress.Port}")
            .AppendLine(CultureInfo.InvariantCulture, $"akka.remote.dot-netty.tcp.public-hostname = {Quote(publicHost)}")
            .AppendLine(CultureInfo.InvariantCulture, $"akka.remote.dot-netty.tcp.public-port = {options.PublicAddress?.Port ?? 0}")
            .ToString();
    }

    /// <summary>The cluster addresses of the seed nodes.</summary>
    public static IReadOnlyList<Address> SeedAddresses(ScaleOutOptions options) =>
        options.SeedNodes.Select(s => Address.Parse($"akka.tcp://{SystemName}@{AddressSyntax.Join(s.Host, s.Port)}")).ToList();

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
