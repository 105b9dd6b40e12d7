using Relay.Streams.Time;

namespace Relay.Streams.Merging;

/// <content>The release rules: which held element may leave now, the lateness timer, completion.</content>
internal sealed partial class MergeSortedStage<T>
{
    private sealed partial class Logic
    {
        /// <summary>Emits one element if downstream wants one and the rules allow; completes when drained.</summary>
        private void Drive()
        {
            if (IsAvailable(_stage.Out))
            {
                EmitOne();
            }

            if (_outerClosed && _live.Count == 0 && _heads.Count == 0 && _controls.Count == 0)
            {
                CompleteStage();
            }
        }

        private void EmitOne()
        {
            if (_controls.TryDequeue(out var control))
            {
                if (control.From is { } from)
                {
                    var wasFull = IsFull(from);
                    var wasWaiting = IsWaiting(from);
                    from.Controls--;
                    Track(from, wasWaiting, wasFull);
                    PullIfRoom(from);
                }

                SetBuffered(_buffered - 1);
                _stats.CountEmitted();
                Push(_stage.Out, control.Element);
                return;
            }

            if (_heads.Count == 0)
            {
                return;
            }

            var top = _heads.Top;
            if (!MayRelease(top.Head))
            {
                return;
            }

            var topWasWaiting = IsWaiting(top);
            var topWasFull = IsFull(top);
            var released = top.RemoveHead();
            if (top.Count == 0)
            {
                _heads.Remove(top);
            }
            else
            {
                _heads.Update(top);
            }

            Track(top, topWasWaiting, topWasFull);
            if (released.Time < _emittedTime)
            {
                _stats.CountLate();
            }
            else
            {
                _emittedTime = released.Time;
            }

            SetBuffered(_buffered - 1);
            _stats.CountEmitted();
            Push(_stage.Out, released.Element);
            PullIfRoom(top);
        }

        /// <summary>True when the oldest held element may leave; in follow mode otherwise arms the timer.</summary>
        private bool MayRelease(in HeldElement<T> head)
        {
            if (head.Time < _emittedTime)
            {
                return true; // late: a newer element is already out, waiting cannot restore order
            }

            if (!_follow)
            {
                return _outerClosed && _waiting == 0;
            }

            if (_waiting == 0 || _full > 0)
            {
                return true;
            }

            var now = Now();
            if (now >= head.Deadline)
            {
                return true;
            }

            ArmTimer(head.Deadline, now);
            return false;
        }

        /// <summary>
        /// One timer for the oldest held element only; a pending timer due no later is kept, since firing early
        /// merely re-checks the rules.
        /// </summary>
        private void ArmTimer(long due, long now)
        {
            if (_timerPending && _timerDue <= due)
            {
                return;
            }

            // Capped so that a wild timestamp (a node clock far ahead) never asks the scheduler for years.
            var ticks = (due - now + TimeSpan.NanosecondsPerTick - 1) / TimeSpan.NanosecondsPerTick;
            ScheduleOnce(ReleaseTimer, TimeSpan.FromTicks(Math.Min(ticks, MaxTimerDelay.Ticks)));
            _timerPending = true;
            _timerDue = due;
        }

        /// <summary>
        /// Follow mode: an element may wait for quieter inputs until its time + L; one that arrives already past
        /// that still gets the reorder window from its arrival.
        /// </summary>
        private long DeadlineFor(long time)
        {
            var onTime = time + _latenessNs;
            var now = Now();
            return onTime >= now ? onTime : now + _reorderWindowNs;
        }

        /// <summary>The relay clock in unix nanoseconds.</summary>
        private long Now()
        {
            return UnixNanos.From(_scheduler?.Now ?? DateTimeOffset.UtcNow);
        }

        // A live input "waits" while it holds too few timed elements for its head to be final, and is "full"
        // at the cap; the two counters make the release rules O(1) whatever the number of inputs.
        private bool IsWaiting(InputBuffer<T> input) => input.IsLive && input.Count < _readyCount;

        private bool IsFull(InputBuffer<T> input) => input.IsLive && input.Held >= _cap;

        private void Track(InputBuffer<T> input, bool wasWaiting, bool wasFull)
        {
            var waiting = IsWaiting(input);
            if (waiting != wasWaiting)
            {
                _waiting += waiting ? 1 : -1;
            }

            var full = IsFull(input);
            if (full != wasFull)
            {
                _full += full ? 1 : -1;
            }
        }
    }
}
