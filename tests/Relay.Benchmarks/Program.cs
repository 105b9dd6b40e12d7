using BenchmarkDotNet.Running;
using Relay.Benchmarks.E2e;
using Relay.Benchmarks.Forwarder;

namespace Relay.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/Relay.Benchmarks -- micro [BenchmarkDotNet args]</c>: the micro benchmarks;
/// <c>… -- e2e [options]</c>: the end-to-end load driver (see <see cref="E2eOptions"/>);
/// <c>… -- forwarder …</c>: the raw forwarder the driver starts as its ceiling.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "micro":
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args[1..]);
                return 0;
            case E2eCommand.Name:
                return await E2eCommand.RunAsync(args[1..]);
            case ForwarderCommand.Name:
                return await ForwarderCommand.RunAsync(args[1..]);
            default:
                await Console.Error.WriteLineAsync("usage: Relay.Benchmarks micro [--filter *Name*] [BenchmarkDotNet options]");
                await Console.Error.WriteLineAsync("       " + E2eOptions.Usage["usage: ".Length..]);
                return 2;
        }
    }
}
