using Relay.Benchmarks.E2e;

namespace Relay.Benchmarks.Tests;

public sealed class ProcessMeterTests
{
    [Fact]
    public void Readings_OfThisProcess_ArePlausible()
    {
        var meter = new ProcessMeter(Environment.ProcessId);

        Assert.True(meter.CpuSeconds() > 0);
        Assert.True(meter.RssBytes() > 1024 * 1024);
        Assert.True(meter.PeakRssBytes() >= meter.RssBytes() / 2);
    }
}
