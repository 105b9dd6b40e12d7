using System.Runtime.CompilerServices;
using Akka;
using Akka.Streams;
using Akka.Streams.Stage;

namespace Relay.Streams.Sources;

/// <summary>The stage behind <see cref="AsyncEnumerableSource.From{T}"/>; its contract is documented there.</summary>
internal sealed class AsyncEnumerableStage<T>(Func<IAsyncEnumerable<T>> open) : GraphStage<SourceShape<T>>
{
    private Func<IAsyncEnumerable<T>> Open { get; } = open;

    public Outlet<T> Out { get; } = new("AsyncEnumerableSource.out");

    public override SourceShape<T> Shape => new(Out);

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("asyncEnumerableSource");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    public override string ToString() => "AsyncEnumerableSource";

    private sealed class Logic : OutGraphStageLogic
    {
        // Who owns the enumerator: the stage (Idle), a read in flight (Reading), or nobody once the stage stopped —
        // then whoever sees Stopped last disposes it: the stage at stop when idle, else the read's continuation.
        private const int Idle = 0;
        private const int Reading = 1;
        private const int Stopped = 2;
        private const int StoppedWhileReading = 3;

        private readonly AsyncEnumerableStage<T> _stage;
        private readonly CancellationTokenSource _cancel = new();
        private readonly Action _onReadCompleted;
        private Action<NotUsed>? _readCompleted;
        private IAsyncEnumerator<T>? _enumerator;
        private ConfiguredValueTaskAwaitable<bool>.ConfiguredValueTaskAwaiter _pending;
        private int _state = Idle;

        public Logic(AsyncEnumerableStage<T> stage)
            : base(stage.Shape)
        {
            _stage = stage;
            _onReadCompleted = OnReadCompletedAnywhere;
            SetHandler(stage.Out, this);
        }

        public override void PreStart()
        {
            _readCompleted = GetAsyncCallback<NotUsed>(_ => OnReadCompleted());
            try
            {
                _enumerator = _stage.Open().GetAsyncEnumerator(_cancel.Token);
            }
            catch (Exception e)
            {
                FailStage(e);
            }
        }

        public override void OnPull()
        {
            ValueTask<bool> next;
            try
            {
                next = _enumerator!.MoveNextAsync();
            }
            catch (Exception e)
            {
                FailStage(e);
                return;
            }

            if (next.IsCompleted)
            {
                Deliver(next.ConfigureAwait(false).GetAwaiter());
                return;
            }

            _pending = next.ConfigureAwait(false).GetAwaiter();
            Volatile.Write(ref _state, Reading);
            _pending.UnsafeOnCompleted(_onReadCompleted);
        }

        public override void OnDownstreamFinish(Exception cause)
        {
            _cancel.Cancel();
            base.OnDownstreamFinish(cause);
        }

        public override void PostStop()
        {
            _cancel.Cancel();
            while (true)
            {
                var state = Volatile.Read(ref _state);
                var stopped = state == Reading ? StoppedWhileReading : Stopped;
                if (Interlocked.CompareExchange(ref _state, stopped, state) != state)
                {
                    continue; // the read completed meanwhile
                }

                if (stopped == Stopped)
                {
                    DisposeEnumerator();
                }

                return;
            }
        }

        /// <summary>A pending read completed (any thread): hand it to the stage, or clean up after a stopped one.</summary>
        private void OnReadCompletedAnywhere()
        {
            if (Interlocked.CompareExchange(ref _state, Idle, Reading) == Reading)
            {
                _readCompleted!(NotUsed.Instance);
            }
            else
            {
                DisposeEnumerator();
            }
        }

        private void OnReadCompleted() => Deliver(_pending);

        private void Deliver(ConfiguredValueTaskAwaitable<bool>.ConfiguredValueTaskAwaiter read)
        {
            bool more;
            try
            {
                more = read.GetResult();
            }
            catch (Exception e)
            {
                FailStage(e);
                return;
            }

            if (more)
            {
                Push(_stage.Out, _enumerator!.Current);
            }
            else
            {
                CompleteStage();
            }
        }

        private void DisposeEnumerator()
        {
            var enumerator = Interlocked.Exchange(ref _enumerator, null);
            _cancel.Dispose();
            if (enumerator is not null)
            {
                _ = DisposeQuietlyAsync(enumerator);
            }
        }

        private static async Task DisposeQuietlyAsync(IAsyncEnumerator<T> enumerator)
        {
            try
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The stream already ended; a failure to clean up has no one left to tell.
            }
        }
    }
}
