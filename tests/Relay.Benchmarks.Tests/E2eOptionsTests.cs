using Relay.Benchmarks.E2e;

namespace Relay.Benchmarks.Tests;

public sealed class E2eOptionsTests
{
    [Fact]
    public void Parse_EveryOption_IsRead()
    {
        var options = E2eOptions.Parse(
            ["--nodes", "5", "--rate", "12.5", "--clients", "3", "--duration", "2", "--scenario", "follow", "--json", "a.json", "--markdown", "a.md", "--quick", "--relay-env", "DOTNET_gcServer=0, A=b=c", "--relay-dll", "/tmp/a/hubble-relay.dll"]);

        Assert.Equal(new E2eOptions(5, 12.5, 3, TimeSpan.FromSeconds(2), "follow", "a.json", "a.md", Quick: true, "DOTNET_gcServer=0, A=b=c", "/tmp/a/hubble-relay.dll"), options);
        Assert.Equal(new Dictionary<string, string> { ["DOTNET_gcServer"] = "0", ["A"] = "b=c" }, options.ParseRelayEnvironment());
    }

    [Fact]
    public void Parse_Nothing_SelectsTheFullTable()
    {
        Assert.Equal(new E2eOptions(), E2eOptions.Parse([]));
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--nodes", "0")]
    [InlineData("--duration", "-1")]
    [InlineData("stray")]
    [InlineData("--relay-env", "=1")]
    public void Parse_BadArguments_Throws(params string[] args)
    {
        Assert.Throws<ArgumentException>(() => E2eOptions.Parse(args));
    }
}
