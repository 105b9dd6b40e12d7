namespace Relay.Api;

/// <summary>Entry point of the hubble-relay executable.</summary>
public static class Program
{
    public static Task<int> Main(string[] args) => Cli.RelayCommandLine.RunAsync(args);
}
