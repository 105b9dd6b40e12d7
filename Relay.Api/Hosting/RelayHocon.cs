using Akka.Configuration;

namespace Relay.Api.Hosting;

/// <summary>Loads <c>hocon/relay.hocon</c>, embedded in the executable so no file can go missing at run time.</summary>
internal static class RelayHocon
{
    public static Config Load()
    {
        using var stream = typeof(RelayHocon).Assembly.GetManifestResourceStream("relay.hocon")
            ?? throw new InvalidOperationException("relay.hocon is not embedded in hubble-relay");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
