using Microsoft.Extensions.Logging.Abstractions;
using Relay.Api.Hosting;

namespace Relay.Api.Tests.Hosting;

public sealed class IdleHeapTrimmerTests
{
    private const long MiB = 1 << 20;

    [Fact]
    public void ShouldTrim_BusyInterval_DoesNotTrim()
    {
        var trimmer = NewTrimmer();

        Assert.False(trimmer.ShouldTrim(100 * MiB));
        Assert.False(trimmer.ShouldTrim(200 * MiB));
    }

    [Fact]
    public void ShouldTrim_IdleAfterABusyPhase_TrimsOnceThenWaitsForMoreGarbage()
    {
        var trimmer = NewTrimmer();
        Assert.False(trimmer.ShouldTrim(50 * MiB));

        Assert.True(trimmer.ShouldTrim(50 * MiB + 100_000));
        Assert.False(trimmer.ShouldTrim(50 * MiB + 200_000));
        Assert.False(trimmer.ShouldTrim(50 * MiB + 300_000));
    }

    [Fact]
    public void ShouldTrim_SlowTrickle_TrimsOnceEnoughHasBuiltUp()
    {
        var trimmer = NewTrimmer();
        var allocated = 0L;
        var trims = 0;

        // Idle-rate allocation (half the idle threshold per interval) until twice the trimming threshold.
        while (allocated < 2 * IdleHeapTrimmer.WorthTrimming)
        {
            allocated += IdleHeapTrimmer.IdleAllocationMax / 2;
            trims += trimmer.ShouldTrim(allocated) ? 1 : 0;
        }

        Assert.Equal(2, trims);
    }

    private static IdleHeapTrimmer NewTrimmer() => new(TimeProvider.System, NullLogger<IdleHeapTrimmer>.Instance);
}
