using Relay.Actors.Peers;

namespace Relay.Actors.Tests.Peers;

public sealed class BackoffTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(5, 32)]
    [InlineData(6, 60)]
    [InlineData(1000, 60)]
    public void Delay_WithoutJitter_DoublesFromMinUpToMax(int attempt, int seconds)
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), jitter: 0);

        Assert.Equal(TimeSpan.FromSeconds(seconds), backoff.Delay(attempt));
    }

    [Theory]
    [InlineData(0.0, 8)]
    [InlineData(0.5, 7.2)]
    [InlineData(0.999, 6.4016)]
    public void Delay_WithJitter_TakesARandomShareOffTheDelay(double random, double seconds)
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), jitter: 0.2, () => random);

        Assert.Equal(TimeSpan.FromSeconds(seconds), backoff.Delay(3));
    }
}
