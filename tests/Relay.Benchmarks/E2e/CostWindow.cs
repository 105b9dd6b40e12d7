using System.Diagnostics;

namespace Relay.Benchmarks.E2e;

/// <summary>
/// The measurement window of one scenario on one server: CPU time used, wall time, and peak and final resident
/// memory. The peak comes from the kernel's high-water mark (reset at the start) and from samples taken while the
/// window is open, whichever is higher.
/// </summary>
internal sealed class CostWindow : IAsyncDisposable
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(100);

    private readonly ProcessMeter _meter;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly double _cpuAtStart;
    private readonly CancellationTokenSource _stopSampling = new();
    private readonly Task _sampler;
    private long _sampledPeak;

    private CostWindow(ProcessMeter meter)
    {
        _meter = meter;
        _meter.TryResetPeak();
        _sampledPeak = meter.RssBytes();
        _cpuAtStart = meter.CpuSeconds();
        _sampler = SampleAsync();
    }

    public static CostWindow Open(ProcessMeter meter) => new(meter);

    public double ElapsedSeconds => _clock.Elapsed.TotalSeconds;

    /// <summary>Closes the window and reads its cost.</summary>
    public async Task<Cost> CloseAsync()
    {
        var seconds = _clock.Elapsed.TotalSeconds;
        var cpu = _meter.CpuSeconds() - _cpuAtStart;
        await _stopSampling.CancelAsync();
        await _sampler;
        var rss = _meter.RssBytes();
        var peak = Math.Max(Math.Max(_meter.PeakRssBytes(), Volatile.Read(ref _sampledPeak)), rss);
        return new Cost(seconds, cpu, peak / (1024.0 * 1024.0), rss / (1024.0 * 1024.0));
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
            }
        }
        catch (OperationCanceledException)
        {
            // The window closed.
        }
    }

    /// <summary>A closed window's cost.</summary>
    internal readonly record struct Cost(double Seconds, double CpuSeconds, double PeakRssMb, double RssMb);
}
