using System.Threading.Channels;

namespace Relay.Streams.Tests.Sources;

/// <summary>
/// An async enumerable a test feeds by hand: a read finds an item already written synchronously (the fast path), and
/// otherwise waits for the next write (the slow path). It records every read, how each completed, the token it was
/// enumerated with, and its disposal.
/// </summary>
internal sealed class ScriptedEnumerable<T> : IAsyncEnumerable<T>
{
    private readonly Channel<T> _items = Channel.CreateUnbounded<T>();
    private int _reads;
    private int _syncReads;

    /// <summary>MoveNextAsync calls so far.</summary>
    public int Reads => Volatile.Read(ref _reads);

    /// <summary>Reads that completed before MoveNextAsync returned.</summary>
    public int SyncReads => Volatile.Read(ref _syncReads);

    /// <summary>The token the enumerator was created with.</summary>
    public CancellationToken Token { get; private set; }

    public TaskCompletionSource Disposed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set to make the next MoveNextAsync throw before returning.</summary>
    public Exception? ThrowOnRead { get; set; }

    public void Write(params T[] items)
    {
        foreach (var item in items)
        {
            _items.Writer.TryWrite(item);
        }
    }

    public void Complete(Exception? error = null) => _items.Writer.TryComplete(error);

    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        Token = cancellationToken;
        return new Enumerator(this, cancellationToken);
    }

    private sealed class Enumerator(ScriptedEnumerable<T> owner, CancellationToken ct) : IAsyncEnumerator<T>
    {
        public T Current { get; private set; } = default!;

        public ValueTask<bool> MoveNextAsync()
        {
            Interlocked.Increment(ref owner._reads);
            if (owner.ThrowOnRead is { } error)
            {
                throw error;
            }

            var reader = owner._items.Reader;
            if (reader.TryRead(out var item))
            {
                Interlocked.Increment(ref owner._syncReads);
                Current = item;
                return new ValueTask<bool>(true);
            }

            return new ValueTask<bool>(WaitAsync());
        }

        public ValueTask DisposeAsync()
        {
            owner.Disposed.TrySetResult();
            return ValueTask.CompletedTask;
        }

        private async Task<bool> WaitAsync()
        {
            // Throws the completion error, or OperationCanceledException when cancelled.
            if (!await owner._items.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                return false;
            }

            var read = owner._items.Reader.TryRead(out var item);
            Current = item!;
            return read;
        }
    }
}
