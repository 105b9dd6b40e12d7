using System.Globalization;

namespace Relay.Benchmarks.E2e;

/// <summary>
/// Reads a process's cost from /proc: CPU time (utime + stime of <c>/proc/PID/stat</c>), resident memory and its
/// peak (<c>VmRSS</c>, <c>VmHWM</c> of <c>/proc/PID/status</c>). The peak can be reset between scenarios through
/// <c>/proc/PID/clear_refs</c>, so each scenario reports its own.
/// </summary>
internal sealed class ProcessMeter(int pid)
{
    // USER_HZ: the unit of utime and stime; 100 on every Linux the runtime supports.
    private const double TicksPerSecond = 100;

    public int Pid => pid;

    /// <summary>User plus system CPU seconds the process has used since it started.</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) may hold spaces; the fields after it start past its closing parenthesis.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) / TicksPerSecond;
    }

    /// <summary>
    /// Times the process's threads blocked and were woken again (<c>voluntary_ctxt_switches</c>, summed over
    /// <c>/proc/PID/task/*/status</c>): each hand-off of work between threads costs one. Threads that exited are
    /// not counted.
    /// </summary>
    public long VoluntaryContextSwitches()
    {
        long total = 0;
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    total += StatusValue(Path.Combine(task, "status"), "voluntary_ctxt_switches:");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The thread exited while being read.
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }

        return total;
    }

    public long RssBytes() => StatusKilobytes("VmRSS:") * 1024;

    public long PeakRssBytes() => StatusKilobytes("VmHWM:") * 1024;

    /// <summary>Starts a new peak-RSS window (<c>echo 5 &gt; clear_refs</c>); false when the kernel refuses.</summary>
    public bool TryResetPeak()
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private long StatusKilobytes(string key) => StatusValue($"/proc/{pid}/status", key);

    private static long StatusValue(string path, string key)
    {
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                var value = line[key.Length..].Trim().Split(' ')[0];
                return long.Parse(value, CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
