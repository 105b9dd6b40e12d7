using System.CommandLine;
using System.Reflection;

namespace Relay.Api.Cli;

/// <summary>The hubble-relay command line: one sub-command per job.</summary>
public static class RelayCommandLine
{
    public static string Version =>
        typeof(RelayCommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Relay: a Hubble Relay that merges every node's flows in exact time order.");
        var version = new Command("version", "Print the version of hubble-relay.");
        version.SetAction(_ =>
        {
            Console.WriteLine($"hubble-relay {Version}");
            return 0;
        });
        root.Subcommands.Add(version);
        root.Subcommands.Add(FleetCommand.Create());
        return root.Parse(args).InvokeAsync();
    }
}
