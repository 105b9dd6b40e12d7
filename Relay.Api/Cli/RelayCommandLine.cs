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
        // Signals are handled by the relay itself so that shutdown can take its grace period.
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }
}
