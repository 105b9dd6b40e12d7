using Grpc.Net.Client;

namespace Relay.Image.Tests.Infrastructure;

/// <summary>h2c channels to a relay child process.</summary>
internal static class RelayChannels
{
    /// <summary>
    /// A channel that retries connecting every few tens of milliseconds, so a wait-for-ready call notices a
    /// starting relay promptly (the default backoff starts at a second, which would blur start-up times).
    /// </summary>
    public static GrpcChannel Open(string address) =>
        GrpcChannel.ForAddress($"http://{address}", new GrpcChannelOptions
        {
            InitialReconnectBackoff = TimeSpan.FromMilliseconds(20),
            MaxReconnectBackoff = TimeSpan.FromMilliseconds(100),
        });
}
