namespace Relay.Image.Tests.Infrastructure;

/// <summary>
/// Waits for a condition on state that offers no event to await (another process's effects on the fleet's
/// counters), like TestKit's AwaitAssert: checks on a short period, fails with a message at the deadline.
/// </summary>
internal static class Eventually
{
    public static async Task AssertAsync(Func<bool> condition, TimeSpan timeout, Func<string> failure)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var period = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (!condition())
        {
            try
            {
                await period.WaitForNextTickAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"not within {timeout}: {failure()}");
            }
        }
    }
}
