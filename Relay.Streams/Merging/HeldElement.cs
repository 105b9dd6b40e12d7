namespace Relay.Streams.Merging;

/// <summary>A timed element held by the merge, with its order key and its follow-mode release deadline.</summary>
internal readonly struct HeldElement<T>(long time, long seq, long deadline, T element)
{
    /// <summary>Unix nanoseconds.</summary>
    public long Time { get; } = time;

    /// <summary>Arrival order across the whole stage; breaks ties after the input name.</summary>
    public long Seq { get; } = seq;

    /// <summary>Follow mode: the relay-clock instant (unix ns) at which the element leaves regardless of the others.</summary>
    public long Deadline { get; } = deadline;

    public T Element { get; } = element;

    /// <summary>Order within one input: time, then arrival.</summary>
    public bool Precedes(in HeldElement<T> other) => Time < other.Time || (Time == other.Time && Seq < other.Seq);
}
