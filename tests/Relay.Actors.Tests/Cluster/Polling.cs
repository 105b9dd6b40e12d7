using Xunit.Sdk;

namespace Relay.Actors.Tests.Cluster;

/// <summary>
/// Re-runs an assertion until it passes or the patience runs out, then fails with its last failure: the way to
/// await a cluster reaching a state (membership, ownership, connections) that no single event announces.
/// </summary>
internal static class Polling
{
    /// <summary>Sized for clusters forming and healing on a shared 2-core machine.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static async Task UntilAsync(Action assertion, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? Patience);
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
