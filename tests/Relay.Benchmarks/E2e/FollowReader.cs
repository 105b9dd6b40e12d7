using System.Diagnostics;
using Grpc.Core;
using Hubble.Observer;
using Relay.Streams.Wire;

namespace Relay.Benchmarks.E2e;

/// <summary>
/// One client's follow stream and what it saw: while measuring, every flow's delay, whether it came late, and the flows it was told it lost; at
/// all times, the largest delay since it was last asked (for the warm-up to see when the stream has settled).
/// With a read rate it is a slow client: it reads no faster than that, so the server must hold back the rest.
/// </summary>
internal sealed class FollowReader(double? readRate = null)
{
    private readonly Lock _lock = new();
    private readonly List<int> _delayMicros = [];
    private readonly TaskCompletionSource _firstFlow = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _newestNanos = long.MinValue;
    private long _flows;
    private long _lateFlows;
    private long _lostFlows;
    private int _errors;
    private int _intervalMaxMicros = int.MinValue;
    private long _intervalFlows;
    private volatile bool _measuring;

    public bool Measuring
    {
        get => _measuring;
        set => _measuring = value;
    }

    /// <summary>Completes when the stream delivered its first flow.</summary>
    public Task FirstFlow => _firstFlow.Task;

    /// <summary>Adds what was recorded so far to the totals; safe while the stream is still being read.</summary>
    public void AddTo(ref long flows, ref long late, ref long lost, ref int errors, List<int> delays)
    {
        lock (_lock)
        {
            flows += _flows;
            late += _lateFlows;
            lost += _lostFlows;
            errors += _errors;
            delays.AddRange(_delayMicros);
        }
    }

    /// <summary>
    /// The largest delay (ms) since the last call, or null when no flow arrived in between, and how many flows
    /// arrived in between.
    /// </summary>
    public (double? MaxMs, long Flows) TakeInterval()
    {
        lock (_lock)
        {
            var max = _intervalMaxMicros;
            var flows = _intervalFlows;
            _intervalMaxMicros = int.MinValue;
            _intervalFlows = 0;
            return (max == int.MinValue ? null : max / 1000.0, flows);
        }
    }

    public async Task ReadAsync(FlowClient client, CancellationToken ct)
    {
        try
        {
            using var call = client.GetFlows(new GetFlowsRequest { Follow = true }, ct);
            var pace = Stopwatch.StartNew();
            long read = 0;
            while (await call.ResponseStream.MoveNext(ct))
            {
                var now = FlowClient.NowNanos();
                var response = call.ResponseStream.Current;
                if (response.Kind == ResponseKind.Flow && response.TimeNanos is { } time)
                {
                    Record(time, now);
                }
                else if (response.Kind == ResponseKind.LostEvents && _measuring)
                {
                    RecordLost(response);
                }

                if (readRate is { } rate && ++read % 16 == 0)
                {
                    // A slow reader: sleep off whatever it is ahead of its rate, 16 responses at a time.
                    var ahead = TimeSpan.FromSeconds(read / rate) - pace.Elapsed;
                    if (ahead > TimeSpan.Zero)
                    {
                        await Task.Delay(ahead, ct);
                    }
                }
            }
        }
        catch (Exception e) when (e is RpcException or OperationCanceledException && ct.IsCancellationRequested)
        {
            // The scenario is over.
        }
        catch (RpcException)
        {
            lock (_lock)
            {
                _errors++;
            }
        }
    }

    private void RecordLost(RawFlowResponse response)
    {
        var lost = (long)GetFlowsResponse.Parser.ParseFrom(response.Payload).LostEvents.NumEventsLost;
        lock (_lock)
        {
            _lostFlows += lost;
        }
    }

    private void Record(long time, long now)
    {
        _firstFlow.TrySetResult();
        var late = time < _newestNanos;
        _newestNanos = Math.Max(_newestNanos, time);
        var delayMicros = (int)Math.Clamp((now - time) / 1000, int.MinValue + 1, int.MaxValue);
        lock (_lock)
        {
            _intervalMaxMicros = Math.Max(_intervalMaxMicros, delayMicros);
            _intervalFlows++;
            if (!_measuring)
            {
                return;
            }

            _flows++;
            _lateFlows += late ? 1 : 0;
            _delayMicros.Add(delayMicros);
        }
    }
}
