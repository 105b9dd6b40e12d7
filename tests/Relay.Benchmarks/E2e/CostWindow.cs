using System.Diagnostics;

namespace Relay.Benchmarks.E2e;

/// <summary>
/// The measurement window of one scenario on one server: CPU time used, wall time, resident memory at the start,
/// peak and end, and the garbage collections in between. The peak comes from the kernel's high-water mark (reset
/// at the start) and from samples taken while the window is open, whichever is higher.
/// </summary>
internal sealed class CostWindow : IAsyncDisposable
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(100);

    private readonly ProcessMeter _meter;
    private readonly GcCountReader? _gc;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly double _cpuAtStart;
    private readonly long _rssAtStart;
    private readonly long _switchesAtStart;
    private readonly GcCountReader.GcReading _gcAtStart;
    private readonly CancellationTokenSource _stopSampling = new();
    private readonly Task _sampler;
    private long _sampledPeak;
    private readonly List<(double Seconds, long Rss)> _samples = [];

    private CostWindow(ProcessMeter meter, GcCountReader? gc, GcCountReader.GcReading gcAtStart)
    {
        _meter = meter;
        _gc = gc;
        _gcAtStart = gcAtStart;
        _meter.TryResetPeak();
        _rssAtStart = meter.RssBytes();
        _sampledPeak = _rssAtStart;
        _cpuAtStart = meter.CpuSeconds();
        _switchesAtStart = meter.VoluntaryContextSwitches();
        _sampler = SampleAsync();
    }

    /// <summary>Opens a window on <paramref name="target"/>, reading its GC counts first.</summary>
    public static async Task<CostWindow> OpenAsync(Target target, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        var gc = await target.GcReader.ReadAsync(ct);
        return new CostWindow(target.Meter, target.GcReader, gc);
    }

    public double ElapsedSeconds => _clock.Elapsed.TotalSeconds;

    /// <summary>Closes the window and reads its cost.</summary>
    public async Task<Cost> CloseAsync(CancellationToken ct = default)
    {
        var seconds = _clock.Elapsed.TotalSeconds;
        var cpu = _meter.CpuSeconds() - _cpuAtStart;
        var switches = _meter.VoluntaryContextSwitches() - _switchesAtStart;
        await _stopSampling.CancelAsync();
        await _sampler;
        var rss = _meter.RssBytes();
        var peak = Math.Max(Math.Max(_meter.PeakRssBytes(), Volatile.Read(ref _sampledPeak)), rss);
        var gcAtEnd = _gc is null ? default : await _gc.ReadAsync(ct);
        GcCounts? collections = (_gcAtStart.Counts, gcAtEnd.Counts) is ({ } start, { } end) ? end - start : null;
        return new Cost(seconds, cpu, Mib(peak), Mib(rss), Mib(_rssAtStart), collections, switches, Mib(_gcAtStart.HeapAfterGcBytes), Mib(gcAtEnd.HeapAfterGcBytes))
        {
            MidRssMb = MidRss(seconds) is { } mid ? Mib(mid) : null,
        };
    }

    /// <summary>The RSS sample nearest the window's middle; null without samples.</summary>
    private long? MidRss(double seconds)
    {
        lock (_samples)
        {
            return _samples.Count == 0 ? null : _samples.MinBy(s => Math.Abs(s.Seconds - (seconds / 2))).Rss;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopSampling.CancelAsync();
        try
        {
            await _sampler;
        }
        finally
        {
            _stopSampling.Dispose();
        }
    }

    private static double Mib(long bytes) => bytes / (1024.0 * 1024.0);

    private static double? Mib(double? bytes) => bytes / (1024.0 * 1024.0);

    private async Task SampleAsync()
    {
        try
        {
            using var timer = new PeriodicTimer(SampleInterval);
            while (await timer.WaitForNextTickAsync(_stopSampling.Token))
            {
                var rss = _meter.RssBytes();
                if (rss > Volatile.Read(ref _sampledPeak))
                {
                    Volatile.Write(ref _sampledPeak, rss);
                }

                lock (_samples)
                {
                    _samples.Add((_clock.Elapsed.TotalSeconds, rss));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The window closed.
        }
    }

    /// <summary>A closed window's cost.</summary>
    /// <param name="Gc">Collections in the window; null when the counts could not be read.</param>
    /// <param name="ContextSwitches">Voluntary context switches of the process's threads in the window.</param>
    /// <param name="StartHeapAfterGcMb">The heap's size after the last collection before the window (what was live then).</param>
    /// <param name="HeapAfterGcMb">The same at the window's end.</param>
    /// <remarks><see cref="MidRssMb"/>: resident memory halfway through the window (MiB); null without a sample.</remarks>
    internal readonly record struct Cost(
        double Seconds, double CpuSeconds, double PeakRssMb, double RssMb, double StartRssMb, GcCounts? Gc, long ContextSwitches, double? StartHeapAfterGcMb, double? HeapAfterGcMb)
    {
        public double? MidRssMb { get; init; }

        /// <summary>
        /// Several processes' windows over the same time (the replicas of a relay cluster) as one: the longest
        /// window, everything else added up; a GC count or heap size unknown for one process is unknown for all.
        /// </summary>
        public static Cost Sum(IReadOnlyList<Cost> costs)
        {
            ArgumentNullException.ThrowIfNull(costs);
            return new Cost(
                costs.Max(c => c.Seconds),
                costs.Sum(c => c.CpuSeconds),
                costs.Sum(c => c.PeakRssMb),
                costs.Sum(c => c.RssMb),
                costs.Sum(c => c.StartRssMb),
                costs.Aggregate((GcCounts?)new GcCounts(0, 0, 0), (sum, c) => sum + c.Gc),
                costs.Sum(c => c.ContextSwitches),
                costs.Aggregate((double?)0, (sum, c) => sum + c.StartHeapAfterGcMb),
                costs.Aggregate((double?)0, (sum, c) => sum + c.HeapAfterGcMb))
            {
                MidRssMb = costs.Aggregate((double?)0, (sum, c) => sum + c.MidRssMb),
            };
        }
    }
}
