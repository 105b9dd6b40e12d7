using System.Diagnostics;

namespace Relay.Benchmarks.E2e;

/// <summary>
/// A .NET program started as its own process (<c>dotnet app.dll args</c>) so that its CPU and memory can be read
/// from /proc apart from the driver's. Output is drained into a short tail kept for error reports.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private const int TailLines = 40;
    private readonly Process _process;
    private readonly Queue<string> _tail = new();

    private ChildProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote (stdout and stderr), for error messages.</summary>
    public string Tail
    {
        get
        {
            lock (_tail)
            {
                return string.Join(Environment.NewLine, _tail);
            }
        }
    }

    /// <summary>
    /// Starts <c>dotnet <paramref name="program"/> <paramref name="args"/></c>, or the program itself when it is not a
    /// <c>.dll</c> (a published, self-contained executable).
    /// </summary>
    public static ChildProcess Start(string name, string program, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (!File.Exists(program))
        {
            throw new FileNotFoundException($"{name}: {program} not found; build the benchmark project first", program);
        }

        var isDll = program.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var info = new ProcessStartInfo(isDll ? "dotnet" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(program)!,
        };
        if (isDll)
        {
            info.ArgumentList.Add(program);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var child = new ChildProcess(process, name);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Throws, with the process's last output, when it has exited.</summary>
    public void ThrowIfExited()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}:{Environment.NewLine}{Tail}");
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            _tail.Enqueue(line);
            while (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }
    }
}
