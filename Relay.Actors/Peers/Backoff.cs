namespace Relay.Actors.Peers;

/// <summary>Exponential retry delays: <c>min · 2^attempt</c> capped at <c>max</c>, less a random share (jitter).</summary>
internal sealed class Backoff
{
    private readonly TimeSpan _min;
    private readonly TimeSpan _max;
    private readonly double _jitter;
    private readonly Func<double> _random;

    public Backoff(TimeSpan min, TimeSpan max, double jitter, Func<double>? random = null)
    {
        _min = min;
        _max = max;
        _jitter = jitter;
        _random = random ?? Random.Shared.NextDouble;
    }

    /// <summary>The delay before retry number <paramref name="attempt"/> (0 for the first retry).</summary>
    public TimeSpan Delay(int attempt)
    {
        var ticks = Math.Min(_min.Ticks * Math.Pow(2, Math.Clamp(attempt, 0, 62)), _max.Ticks);
        return TimeSpan.FromTicks((long)(ticks * (1 - (_jitter * _random()))));
    }
}
