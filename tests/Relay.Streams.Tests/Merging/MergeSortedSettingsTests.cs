using Relay.Streams.Merging;

namespace Relay.Streams.Tests.Merging;

public sealed class MergeSortedSettingsTests
{
    [Fact]
    public void Defaults_MatchUpstreamFlags()
    {
        var settings = new MergeSortedSettings();

        Assert.False(settings.Follow);
        Assert.Equal(100, settings.PerInputBufferMax);
        Assert.Equal(TimeSpan.FromMilliseconds(100), settings.Lateness);
        Assert.True(MergeSortedSettings.Following.Follow);
    }

    [Theory]
    [InlineData(0, 100, 100, "PerInputBufferMax")]
    [InlineData(1, -1, 100, "Lateness")]
    [InlineData(1, 100, -1, "HistoryReorderWindow")]
    public void Validated_OutOfRange_NamesTheSetting(int bufferMax, int latenessMs, int windowMs, string name)
    {
        var settings = new MergeSortedSettings
        {
            PerInputBufferMax = bufferMax,
            Lateness = TimeSpan.FromMilliseconds(latenessMs),
            HistoryReorderWindow = TimeSpan.FromMilliseconds(windowMs),
        };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => settings.Validated());
        Assert.Equal(name, error.ParamName);
    }

    [Fact]
    public void Create_InvalidSettings_ThrowsBeforeMaterializing()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => MergeSortedN.Create(TestFlow.Ordering, new MergeSortedSettings { PerInputBufferMax = 0 }));
    }
}
