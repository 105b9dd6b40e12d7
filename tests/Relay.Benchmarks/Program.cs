using BenchmarkDotNet.Running;

namespace Relay.Benchmarks;

/// <summary>
/// Runs the micro benchmarks: <c>dotnet run -c Release --project tests/Relay.Benchmarks -- micro [BenchmarkDotNet args]</c>.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "micro")
        {
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args[1..]);
            return 0;
        }

        Console.Error.WriteLine("usage: Relay.Benchmarks micro [--filter *Name*] [BenchmarkDotNet options]");
        return 2;
    }
}
