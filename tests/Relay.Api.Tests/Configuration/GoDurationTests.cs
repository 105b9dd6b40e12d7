using Relay.Api.Configuration;

namespace Relay.Api.Tests.Configuration;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("5s", 5_000)]
    [InlineData("100ms", 100)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("2h45m", 9_900_000)]
    [InlineData("+1s", 1_000)]
    [InlineData("-1s", -1_000)]
    [InlineData(".5s", 500)]
    [InlineData("1500us", 1.5)]
    [InlineData("1500µs", 1.5)]
    [InlineData("2000000ns", 2)]
    public void TryParse_GoSyntax_ReadsTheDuration(string text, double milliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var value, out var problem), problem);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("", "is not a duration")]
    [InlineData("-", "is not a duration")]
    [InlineData("5", "has no unit")]
    [InlineData("1m30", "has no unit")]
    [InlineData("5x", "unknown unit \"x\"")]
    [InlineData("5 s", "unknown unit")]
    [InlineData("s", "is not a duration")]
    [InlineData("1.2.3s", "is not a duration")]
    [InlineData("3000000h", "too long")]
    public void TryParse_NotGoSyntax_SaysWhy(string text, string problem)
    {
        Assert.False(GoDuration.TryParse(text, out _, out var actual));
        Assert.Contains(problem, actual);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(0.0005, "500ns")]
    [InlineData(0.0015, "1.5µs")]
    [InlineData(100, "100ms")]
    [InlineData(5_000, "5s")]
    [InlineData(1_500, "1.5s")]
    [InlineData(90_000, "1m30s")]
    [InlineData(60_000, "1m0s")]
    [InlineData(3_600_000, "1h0m0s")]
    [InlineData(-2_000, "-2s")]
    public void Format_Duration_PrintsLikeGo(double milliseconds, string expected)
    {
        var value = TimeSpan.FromTicks((long)(milliseconds * TimeSpan.TicksPerMillisecond));
        Assert.Equal(expected, GoDuration.Format(value));
        Assert.True(GoDuration.TryParse(expected, out var roundTrip, out _));
        Assert.Equal(value, roundTrip);
    }
}
