namespace Relay.Image.Tests.Infrastructure;

/// <summary>The <c>dotnet</c> executable that runs these tests, used to start the built relay and to publish it.</summary>
internal static class DotnetHost
{
    public static string FileName { get; } = Find();

    private static string Find()
    {
        // The SDK sets DOTNET_HOST_PATH for the processes it starts; the test host itself usually runs under dotnet.
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        return "dotnet";
    }
}
