using Xunit.Sdk;

namespace Relay.Api.Tests.ScaleOut;

/// <summary>
/// Re-runs an assertion until it passes or the patience runs out, then fails with its last failure: for cluster
/// states (membership, ownership) that no single event announces.
/// </summary>
internal static class Polling
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static async Task UntilAsync(Action assertion)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (XunitException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50); // a polling interval, not a synchronisation: the assertion decides
            }
        }
    }
}
