using System.Globalization;
using System.Runtime.InteropServices;

namespace Relay.Benchmarks.E2e;

/// <summary>The machine a report was measured on.</summary>
public sealed record MachineInfo(int Cores, double MemoryGiB, string Cpu, string Os, string Runtime)
{
    public static MachineInfo Read() => new(
        Environment.ProcessorCount,
        MemTotalKilobytes() / (1024.0 * 1024.0),
        CpuModel(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription);

    private static long MemTotalKilobytes()
    {
        var line = ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line["MemTotal:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static string CpuModel() =>
        ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) is { } line
            ? line[(line.IndexOf(':') + 1)..].Trim()
            : RuntimeInformation.ProcessArchitecture.ToString();

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];
}
