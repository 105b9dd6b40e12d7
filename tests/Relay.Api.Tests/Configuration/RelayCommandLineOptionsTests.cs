using System.CommandLine;
using Relay.Api.Configuration;

namespace Relay.Api.Tests.Configuration;

public sealed class RelayCommandLineOptionsTests
{
    [Fact]
    public void AddTo_SomeKeys_AnotherCommandSharesThoseFlags()
    {
        var definitions = RelayCommandLineOptions.Create();
        var demo = new Command("demo");
        definitions.AddTo(demo, RelaySettingKeys.ListenAddress);

        var parsed = demo.Parse(["--listen-address", "127.0.0.1:0"]);

        Assert.Empty(parsed.Errors);
        Assert.Equal(["--listen-address"], demo.Options.Select(o => o.Name));
        var raw = Assert.Single(definitions.ReadFlags(parsed));
        Assert.Equal(RelaySettingKeys.ListenAddress, raw.Key);
        Assert.Equal(["127.0.0.1:0"], raw.Value.Values);
        Assert.Equal("flag --listen-address", raw.Value.Origin);
    }

    [Fact]
    public void ReadFlags_NothingGiven_IsEmpty()
    {
        var definitions = RelayCommandLineOptions.Create();
        var serve = new Command("serve");
        definitions.AddTo(serve);

        var parsed = serve.Parse([]);

        Assert.Empty(definitions.ReadFlags(parsed));
        Assert.Null(definitions.ReadConfigPath(parsed));
    }

    [Theory]
    [InlineData("--peer-service=unix:///var/run/cilium/hubble.sock", "unix:///var/run/cilium/hubble.sock")]
    [InlineData("--listen-address=:4245", ":4245")]
    [InlineData("--tls-server-cert-file=/a.crt", "/a.crt")]
    public void ReadFlags_UpstreamEqualsSyntax_KeepsTheWholeValue(string arg, string value)
    {
        var definitions = RelayCommandLineOptions.Create();
        var serve = new Command("serve");
        definitions.AddTo(serve);

        var raw = Assert.Single(definitions.ReadFlags(serve.Parse([arg])));
        Assert.Equal([value], raw.Value.Values);
    }

    [Fact]
    public void Create_EverySetting_HasOneFlagWithItsOlderNamesAsAliases()
    {
        var definitions = RelayCommandLineOptions.Create();

        foreach (var setting in RelaySettings.All)
        {
            var option = definitions[setting.Key];
            Assert.Equal("--" + setting.Key, option.Name);
            Assert.All(setting.OlderNames, older => Assert.Contains("--" + older, option.Aliases));
            Assert.Equal(setting.NoEffect, option.Hidden);
        }
        Assert.Contains("-D", definitions[RelaySettingKeys.Debug].Aliases);
    }
}
