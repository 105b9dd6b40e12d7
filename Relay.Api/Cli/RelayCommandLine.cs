using System.CommandLine;
using Relay.Api.Hosting;

namespace Relay.Api.Cli;

/// <summary>The hubble-relay command line: one sub-command per job.</summary>
public static class RelayCommandLine
{
    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Relay: a Hubble Relay that merges every node's flows in exact time order.");
        var version = new Command("version", "Print the version of hubble-relay.");
        version.SetAction(_ =>
        {
            Console.WriteLine($"hubble-relay {RelayVersion.Current}");
            return 0;
        });
        root.Subcommands.Add(version);
        root.Subcommands.Add(ServeCommand.Create(RelayRunner.RunAsync));
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(FleetCommand.Create());

        // SIGTERM/SIGINT cancel the command's token; the relay then ends its streams within its own grace
        // period, so the parser must not kill the process after its short default wait.
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromMinutes(1) });
    }
}
