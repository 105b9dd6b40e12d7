using System.CommandLine;
using Microsoft.Extensions.Logging;
using Relay.Api.Cli;
using Relay.Api.Configuration;

namespace Relay.Api.Tests.Configuration;

/// <summary><c>hubble-relay serve</c> end to end in process: parse, load, validate, run or exit 1.</summary>
public sealed class ServeCommandTests
{
    private readonly List<RelayOptions> _runs = [];
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    [Fact]
    public async Task Serve_InvalidConfiguration_PrintsOneErrorLinePerProblemAndExits1()
    {
        var code = await InvokeAsync(["serve", "--dial-timeout=5x", "--sort-buffer-len-max=-1"]);

        Assert.Equal(1, code);
        Assert.Empty(_runs);
        Assert.Equal(
        [
            "error: dial-timeout: \"5x\" has an unknown unit \"x\" (use ns, us, ms, s, m or h) (from flag --dial-timeout)",
            "error: sort-buffer-len-max: must be at least 1, got -1 (from flag --sort-buffer-len-max)",
            "error: tls-relay-server-cert-file: required unless --disable-server-tls is set: server TLS is on by default, give --tls-relay-server-cert-file and --tls-relay-server-key-file",
            "error: tls-relay-server-key-file: required unless --disable-server-tls is set: server TLS is on by default, give --tls-relay-server-cert-file and --tls-relay-server-key-file",
            "error: tls-hubble-server-ca-files: required unless --disable-client-tls is set: TLS to Hubble nodes is on by default, give --tls-hubble-server-ca-files (and --tls-hubble-client-cert-file, --tls-hubble-client-key-file for mTLS)",
        ], Lines(_stderr));
    }

    [Fact]
    public async Task Serve_MissingExplicitConfigFile_Exits1NamingThePath()
    {
        var code = await InvokeAsync(["serve", "--disable-server-tls", "--disable-client-tls", "--config", "/nowhere/config.yaml"]);

        Assert.Equal(1, code);
        Assert.Equal(["error: config: file \"/nowhere/config.yaml\" does not exist"], Lines(_stderr));
    }

    [Fact]
    public async Task Serve_ValidConfiguration_RunsTheHostWithTheOptionsAndReturnsItsCode()
    {
        var code = await InvokeAsync(["serve", "--disable-server-tls", "--disable-client-tls", "--listen-address=127.0.0.1:0"], exitCode: 7);

        Assert.Equal(7, code);
        var options = Assert.Single(_runs);
        Assert.Equal(new ListenAddress("127.0.0.1", 0), options.ListenAddress);
        Assert.Empty(Lines(_stderr));
    }

    [Fact]
    public async Task Serve_UnknownKeysAndIgnoredKeys_OneWarningLineEachThenRuns()
    {
        var files = ConfigTestKit.DefaultConfig("gops: true\nsort-buffer-size: 10\ndisable-server-tls: true\ndisable-client-tls: true\n");

        var code = await InvokeAsync(["serve"], files: files);

        Assert.Equal(0, code);
        Assert.Single(_runs);
        Assert.Equal(
        [
            "warning: sort-buffer-size: unknown key in /etc/hubble-relay/config.yaml line 2; ignored",
            "warning: gops: accepted for compatibility; has no effect (from /etc/hubble-relay/config.yaml line 1)",
        ], Lines(_stderr));
    }

    [Fact]
    public async Task Serve_EnvironmentOnly_IsEnoughToRun()
    {
        var env = new Dictionary<string, string>
        {
            ["RELAY_DISABLE-SERVER-TLS"] = "true",
            ["RELAY_DISABLE_CLIENT_TLS"] = "true",
            ["HUBBLE_SERVER"] = "hubble-peer:4244",
        };

        Assert.Equal(0, await InvokeAsync(["serve"], env));
        Assert.Equal("hubble-peer:4244", Assert.Single(_runs).PeerService.ToString());
    }

    [Fact]
    public async Task Serve_UnknownFlag_Exits1WithoutRunning()
    {
        var code = await InvokeAsync(["serve", "--disable-server-tls", "--disable-client-tls", "--no-such-flag"]);

        Assert.Equal(1, code);
        Assert.Empty(_runs);
        Assert.Contains("--no-such-flag", _stderr.ToString());
    }

    [Fact]
    public async Task LogEffectiveOptions_ValidOptions_LogsEveryOptionAndReturns0()
    {
        var options = ConfigTestKit.Valid(["--disable-server-tls", "--disable-client-tls", "--cluster-name=mesh"]);
        using var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));

        var code = await ServeCommand.LogEffectiveOptionsAsync(options, factory, CancellationToken.None);

        Assert.Equal(0, code);
        Assert.Contains("Option cluster-name = mesh", logs.Messages);
        Assert.Equal(options.Describe().Count(), logs.Events.Count(e => e.Name == "EffectiveOption"));
        Assert.Contains(logs.Events, e => e.Name == "RelayHostPending");
    }

    [Fact]
    public async Task RelayCommandLine_ServeHelp_IsRegistered()
    {
        Assert.Equal(0, await RelayCommandLine.RunAsync(["serve", "--help"]));
    }

    private async Task<int> InvokeAsync(
        string[] args, Dictionary<string, string>? env = null, InMemoryFileSystem? files = null, int exitCode = 0)
    {
        var environment = new ConfigurationEnvironment(env ?? [], files ?? new InMemoryFileSystem());
        var root = new RootCommand();
        root.Subcommands.Add(ServeCommand.Create(
            (options, _, _) =>
            {
                _runs.Add(options);
                return Task.FromResult(exitCode);
            },
            environment));
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = _stdout, Error = _stderr });
    }

    private static string[] Lines(StringWriter writer) =>
        writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
