namespace Relay.Streams.Merging;

/// <summary>
/// Live counters of one materialized <see cref="MergeSortedN"/>, its materialized value. Written only by the
/// stage; safe to read from any thread (each value is read atomically, not all of them as one snapshot).
/// </summary>
public sealed class MergeStats
{
    private long _received;
    private long _emitted;
    private long _lateElements;
    private long _buffered;
    private long _maxBuffered;
    private long _inputsJoined;
    private long _inputsLeft;
    private long _inputsFailed;

    /// <summary>Elements received from the inputs (published once the stage has fully handled each one).</summary>
    public long ElementsReceived => Volatile.Read(ref _received);

    /// <summary>Elements emitted downstream, failure reports included.</summary>
    public long ElementsEmitted => Volatile.Read(ref _emitted);

    /// <summary>Elements emitted after a newer element had already been emitted (never dropped).</summary>
    public long LateElements => Volatile.Read(ref _lateElements);

    /// <summary>Elements held by the stage right now.</summary>
    public long Buffered => Volatile.Read(ref _buffered);

    /// <summary>The most elements the stage has held at once.</summary>
    public long MaxBuffered => Volatile.Read(ref _maxBuffered);

    /// <summary>Inputs that have joined so far.</summary>
    public long InputsJoined => Volatile.Read(ref _inputsJoined);

    /// <summary>Inputs that have left so far: completed, failed, or replaced by a newer input of the same name.</summary>
    public long InputsLeft => Volatile.Read(ref _inputsLeft);

    /// <summary>Inputs that have failed (a subset of <see cref="InputsLeft"/>).</summary>
    public long InputsFailed => Volatile.Read(ref _inputsFailed);

    /// <summary>Inputs currently feeding the merge.</summary>
    public long LiveInputs => InputsJoined - InputsLeft;

    internal void CountReceived() => Volatile.Write(ref _received, _received + 1);

    internal void CountEmitted() => Volatile.Write(ref _emitted, _emitted + 1);

    internal void CountLate() => Volatile.Write(ref _lateElements, _lateElements + 1);

    internal void CountJoined() => Volatile.Write(ref _inputsJoined, _inputsJoined + 1);

    internal void CountLeft() => Volatile.Write(ref _inputsLeft, _inputsLeft + 1);

    internal void CountFailed() => Volatile.Write(ref _inputsFailed, _inputsFailed + 1);

    internal void SetBuffered(long buffered)
    {
        Volatile.Write(ref _buffered, buffered);
        if (buffered > _maxBuffered)
        {
            Volatile.Write(ref _maxBuffered, buffered);
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"received={ElementsReceived} emitted={ElementsEmitted} late={LateElements} buffered={Buffered} maxBuffered={MaxBuffered} joined={InputsJoined} left={InputsLeft} failed={InputsFailed}";
}
