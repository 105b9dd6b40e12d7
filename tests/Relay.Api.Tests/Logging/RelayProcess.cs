using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Relay.Api.Hosting;

namespace Relay.Api.Tests.Logging;

/// <summary>
/// The real <c>hubble-relay</c> executable run as a child process (<c>dotnet hubble-relay.dll ...</c>), its
/// stdout and stderr kept line by line, so tests see exactly what an operator's log collector would.
/// </summary>
internal sealed class RelayProcess : IDisposable
{
    private const int SigTerm = 15;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly SemaphoreSlim _lineArrived = new(0);

    private RelayProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Keep(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(_stderr, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public IReadOnlyList<string> Stdout => [.. _stdout];

    public IReadOnlyList<string> Stderr => [.. _stderr];

    public static RelayProcess Start(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(RelayHost).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return new RelayProcess(Process.Start(start)!);
    }

    /// <summary>Waits for a stdout line that satisfies <paramref name="wanted"/>; returns it.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> wanted)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            if (_stdout.FirstOrDefault(wanted) is { } line)
            {
                return line;
            }

            Assert.False(_process.HasExited, "the relay exited: " + string.Join('\n', Stderr));
            await _lineArrived.WaitAsync(timeout.Token);
        }
    }

    /// <summary>Sends SIGTERM, as Kubernetes does, and waits for the process to exit; returns its exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        Assert.Equal(0, Kill(_process.Id, SigTerm));
        using var timeout = new CancellationTokenSource(Patience);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        // The semaphore stays: output events may still be delivered after this.
        _process.Dispose();
    }

    private void Keep(ConcurrentQueue<string> lines, string? line)
    {
        if (line is null)
        {
            return;
        }

        lines.Enqueue(line);
        _lineArrived.Release();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
