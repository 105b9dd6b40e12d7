namespace Relay.Streams.Merging;

/// <summary>
/// How <see cref="MergeSortedN"/> trades order for latency. The defaults match the relay's
/// <c>--sort-buffer-len-max</c> (100) and <c>--sort-lateness</c> (100 ms).
/// </summary>
public sealed record MergeSortedSettings
{
    /// <summary>Default per-input buffer length, as upstream's <c>--sort-buffer-len-max</c>.</summary>
    public const int DefaultPerInputBufferMax = 100;

    /// <summary>Default lateness bound <c>L</c>, as the relay's <c>--sort-lateness</c>.</summary>
    public static readonly TimeSpan DefaultLateness = TimeSpan.FromMilliseconds(100);

    /// <summary>Settings for a history query: exact merge, no time-based release.</summary>
    public static MergeSortedSettings History { get; } = new();

    /// <summary>Settings for a follow query with the default lateness bound.</summary>
    public static MergeSortedSettings Following { get; } = new() { Follow = true };

    /// <summary>
    /// False (history): exact k-way merge; an element leaves only when every input has filled its buffer or
    /// finished, and only after the set of inputs is final (the outer source completed).
    /// True (follow): an element leaves at the earliest of: every live input holds an element at least as new;
    /// the relay clock passes its time plus <see cref="Lateness"/>; some input's buffer is full.
    /// </summary>
    public bool Follow { get; init; }

    /// <summary>
    /// Follow mode: how long past its own time an element may be held waiting for quieter inputs
    /// (the lateness bound <c>L</c>). An idle input never delays the others by more than this.
    /// </summary>
    public TimeSpan Lateness { get; init; } = DefaultLateness;

    /// <summary>
    /// Follow mode: how long an element that arrives already older than <see cref="Lateness"/> (a node's
    /// history at the start of a follow query, a catch-up after a reconnect, a node whose clock is behind) is
    /// still held after its arrival, so that it can be ordered against the other inputs' elements of the same
    /// period. Zero releases such elements at once (in arrival order).
    /// </summary>
    public TimeSpan HistoryReorderWindow { get; init; } = DefaultLateness;

    /// <summary>
    /// The most elements held per input (timed and control together). In history mode it is also the window
    /// within which each input's own disorder is re-sorted; in follow mode a full buffer releases the oldest
    /// held element.
    /// </summary>
    public int PerInputBufferMax { get; init; } = DefaultPerInputBufferMax;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public MergeSortedSettings Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(PerInputBufferMax, 1, nameof(PerInputBufferMax));
        ArgumentOutOfRangeException.ThrowIfLessThan(Lateness, TimeSpan.Zero, nameof(Lateness));
        ArgumentOutOfRangeException.ThrowIfLessThan(HistoryReorderWindow, TimeSpan.Zero, nameof(HistoryReorderWindow));
        return this;
    }
}
