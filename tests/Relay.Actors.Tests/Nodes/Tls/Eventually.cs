namespace Relay.Actors.Tests.Nodes.Tls;

/// <summary>Polls an observable condition until it holds or a deadline passes (for effects of real file-system events).</summary>
internal static class Eventually
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public static async Task TrueAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, $"the condition did not hold within {Deadline}");
            await Task.Delay(10);
        }
    }
}
