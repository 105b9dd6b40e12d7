namespace Relay.Api.Tests.Metrics;

/// <summary>
/// AwaitAssert for scrapes: re-runs an assertion until it passes or the patience runs out, then fails with the
/// assertion's own message. For values other threads move with no event a test could await (a cancelled call
/// ending on the server).
/// </summary>
internal static class Eventually
{
    public static async Task<T> AssertAsync<T>(Func<Task<T>> attempt, Action<T> assertion)
    {
        var deadline = DateTime.UtcNow + EndToEnd.RelayHarness.Patience;
        while (true)
        {
            var value = await attempt();
            try
            {
                assertion(value);
                return value;
            }
            catch (Xunit.Sdk.XunitException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
    }
}
