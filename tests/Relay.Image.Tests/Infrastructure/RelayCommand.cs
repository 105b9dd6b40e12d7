namespace Relay.Image.Tests.Infrastructure;

/// <summary>How to start a hubble-relay: an executable and the arguments before the sub-command.</summary>
internal sealed record RelayCommand(string FileName, IReadOnlyList<string> Prefix)
{
    /// <summary>The relay as built with this solution, run by the dotnet host (its process id is the relay's).</summary>
    public static RelayCommand Built => new(DotnetHost.FileName, [RelayLocations.RelayAssembly]);

    /// <summary>A published, self-contained relay executable.</summary>
    public static RelayCommand Published(string executable) => new(executable, []);
}
