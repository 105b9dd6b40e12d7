using System.Diagnostics;
using System.Text;
using Grpc.Core;
using Grpc.Health.V1;

namespace Relay.Image.Tests.Infrastructure;

/// <summary>
/// A <c>hubble-relay serve</c> child process in cleartext on free loopback ports, following a peer service. Its
/// stdout and stderr are kept for failure messages; disposal kills it if a test left it running.
/// </summary>
internal sealed class RelayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stopwatch _sinceStart;
    private readonly StringBuilder _output = new();

    private RelayProcess(Process process, Stopwatch sinceStart, string listenAddress, string healthAddress)
    {
        _process = process;
        _sinceStart = sinceStart;
        ListenAddress = listenAddress;
        HealthAddress = healthAddress;
    }

    /// <summary>The Observer API's address (<c>127.0.0.1:port</c>).</summary>
    public string ListenAddress { get; }

    /// <summary>The gRPC health endpoint's address.</summary>
    public string HealthAddress { get; }

    public int ProcessId => _process.Id;

    /// <summary>Everything the process printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>serve</c> without TLS on both sides, with short dial and retry timeouts.</summary>
    public static RelayProcess StartServe(RelayCommand command, string peerService, params string[] extraArgs)
    {
        var ports = FreePorts.Take(2);
        var listen = $"127.0.0.1:{ports[0]}";
        var health = $"127.0.0.1:{ports[1]}";
        var start = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // As in the image: no working directory of any meaning.
            WorkingDirectory = Path.GetTempPath(),
        };
        string[] args =
        [
            .. command.Prefix,
            "serve",
            "--peer-service", peerService,
            "--listen-address", listen,
            "--health-listen-address", health,
            "--disable-server-tls", "--disable-client-tls",
            "--dial-timeout", "2s", "--retry-timeout", "1s",
            .. extraArgs,
        ];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test run's own environment must not configure the relay.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("RELAY_", StringComparison.Ordinal) || k == "HUBBLE_SERVER").ToList())
        {
            start.Environment.Remove(name);
        }

        var process = new Process { StartInfo = start };
        var sinceStart = Stopwatch.StartNew();
        var relay = new RelayProcess(process, sinceStart, listen, health);
        process.OutputDataReceived += (_, e) => relay.Append(e.Data);
        process.ErrorDataReceived += (_, e) => relay.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return relay;
    }

    /// <summary>
    /// Watches <c>grpc.health.v1</c> on the health port until it reports SERVING and returns the time since the
    /// process started. Fails with the process's output if it exits first or the timeout passes.
    /// </summary>
    public async Task<TimeSpan> WaitUntilServingAsync(TimeSpan timeout)
    {
        using var channel = RelayChannels.Open(HealthAddress);
        using var deadline = new CancellationTokenSource(timeout);
        var client = new Health.HealthClient(channel);
        using var watch = client.Watch(new HealthCheckRequest(), new CallOptions(cancellationToken: deadline.Token).WithWaitForReady());
        var serving = ReadUntilServingAsync(watch.ResponseStream, deadline.Token);
        var finished = await Task.WhenAny(serving, _process.WaitForExitAsync(deadline.Token));
        if (finished != serving)
        {
            Assert.Fail($"hubble-relay exited with code {ExitCodeOrNone()} before serving:\n{Output}");
        }

        try
        {
            return await serving;
        }
        catch (Exception error) when (error is RpcException or OperationCanceledException)
        {
            Assert.Fail($"hubble-relay not SERVING within {timeout} ({error.Message}):\n{Output}");
            throw;
        }
    }

    /// <summary>Sends SIGTERM.</summary>
    public void Terminate() => PosixSignals.Terminate(_process);

    /// <summary>Waits for the process to exit and returns its exit code; fails with its output on timeout.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"hubble-relay still running {timeout} later:\n{Output}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task<TimeSpan> ReadUntilServingAsync(IAsyncStreamReader<HealthCheckResponse> stream, CancellationToken ct)
    {
        while (await stream.MoveNext(ct))
        {
            if (stream.Current.Status == HealthCheckResponse.Types.ServingStatus.Serving)
            {
                return _sinceStart.Elapsed;
            }
        }

        throw new RpcException(new Status(StatusCode.Unavailable, "health watch ended before SERVING"));
    }

    private string ExitCodeOrNone() => _process.HasExited ? _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none";

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
