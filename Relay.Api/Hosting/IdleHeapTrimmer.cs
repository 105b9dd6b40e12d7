using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Relay.Api.Hosting;

/// <summary>
/// Gives the garbage collector's slack back to the OS once the relay goes idle. A relay connected to many nodes and
/// serving no flows allocates almost nothing, so the garbage of its last busy phase (connecting the fleet, a query)
/// would stay committed indefinitely: no allocation ever triggers the next collection. When little was allocated in
/// the last interval but much since the last trim, one aggressive collection compacts the heap and decommits the
/// free space. Busy relays are never interrupted: they allocate more than the idle threshold.
/// </summary>
internal sealed class IdleHeapTrimmer(TimeProvider clock, ILogger<IdleHeapTrimmer> logger) : BackgroundService
{
    /// <summary>How often the allocation rate is looked at.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>At most this much allocated in one interval counts as idle (200 KB/s).</summary>
    public const long IdleAllocationMax = 1 << 20;

    /// <summary>At least this much allocated since the last trim makes a trim worth its pause.</summary>
    public const long WorthTrimming = 8 << 20;

    // From zero, so the start-up's own garbage counts towards the first trim.
    private long _lastAllocated;
    private long _sinceTrim;

    /// <summary>
    /// Accounts for what was allocated since the last call; true when the relay was idle over it and enough was
    /// allocated since the last trim (which this call then counts as done).
    /// </summary>
    public bool ShouldTrim(long totalAllocated)
    {
        var step = totalAllocated - _lastAllocated;
        _lastAllocated = totalAllocated;
        _sinceTrim += step;
        if (step > IdleAllocationMax || _sinceTrim < WorthTrimming)
        {
            return false;
        }

        _sinceTrim = 0;
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (ShouldTrim(GC.GetTotalAllocatedBytes()))
                {
                    var before = Environment.WorkingSet;
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    RelayHostLog.HeapTrimmed(logger, before >> 20, Environment.WorkingSet >> 20);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }
}
