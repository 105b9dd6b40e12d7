using Grpc.Core;
using Relay.Fleet.Ring;

namespace Relay.Fleet.Observer;

/// <summary>
/// Sends what a <see cref="RingCursor{T}"/> finds to a gRPC response stream. Every write is awaited, so a
/// slow client slows only its own stream. Messages that are immediately followed by another go out with
/// <see cref="WriteFlags.BufferHint"/> and are flushed with the last one before the stream waits or ends.
/// </summary>
internal static class RingStreamer
{
    private const int MaxBuffered = 64;
    private static readonly WriteOptions Buffered = new(WriteFlags.BufferHint);

    /// <param name="project">Response for an entry.</param>
    /// <param name="lost">Response for a number of lost entries, or null to skip them silently.</param>
    public static async Task StreamAsync<TItem, TResponse>(
        RingCursor<TItem> cursor,
        Func<TItem, TResponse> project,
        Func<long, TResponse?> lost,
        IServerStreamWriter<TResponse> writer,
        SimulatedNode node,
        CancellationToken cancellationToken)
        where TItem : class
        where TResponse : class
    {
        TResponse? pending = null;
        var buffered = 0;
        while (true)
        {
            var step = cursor.Next();
            var next = step switch
            {
                CursorStep.Item => project(cursor.Current!),
                CursorStep.Lost => lost(cursor.LostCount),
                _ => null,
            };

            if (next is not null)
            {
                if (pending is not null)
                {
                    buffered = await WriteAsync(pending, more: true, buffered);
                }

                pending = next;
                continue;
            }

            if (step == CursorStep.Lost)
            {
                continue;
            }

            if (pending is not null)
            {
                buffered = await WriteAsync(pending, more: false, buffered);
                pending = null;
            }

            if (step == CursorStep.End)
            {
                return;
            }

            await cursor.WaitAsync(cancellationToken);
        }

        async Task<int> WriteAsync(TResponse message, bool more, int alreadyBuffered)
        {
            var delay = node.SendDelay;
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, node.Time, cancellationToken);
                more = false;
            }

            var buffer = more && alreadyBuffered < MaxBuffered;
            writer.WriteOptions = buffer ? Buffered : null;
            await writer.WriteAsync(message, cancellationToken);
            return buffer ? alreadyBuffered + 1 : 0;
        }
    }
}
