using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Relay.Streams.Sources;

namespace Relay.Streams.Tests.Sources;

public sealed class AsyncEnumerableSourceSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private readonly IMaterializer _materializer;

    public AsyncEnumerableSourceSpec()
    {
        _materializer = Sys.Materializer(ActorMaterializerSettings.Create(Sys).WithInputBuffer(1, 1));
    }

    [Fact]
    public void BufferedItems_ArePushedInOrder_AllOnTheFastPath()
    {
        var items = new ScriptedEnumerable<int>();
        items.Write(1, 2, 3);
        items.Complete();
        var sink = Run(items);

        sink.Request(10);

        sink.ExpectNext(1, 2, 3);
        sink.ExpectComplete();
        Assert.Equal(3, items.SyncReads);
    }

    [Fact]
    public void PendingReads_DeliverWhenItemsArrive_InOrder()
    {
        var items = new ScriptedEnumerable<int>();
        var sink = Run(items);

        sink.Request(10);
        AwaitCondition(() => items.Reads == 1, Patience);
        items.Write(1);
        sink.ExpectNext(1);
        items.Write(2, 3);
        sink.ExpectNext(2, 3);
        items.Complete();

        sink.ExpectComplete();
        Assert.True(items.Reads - items.SyncReads >= 2, $"{items.Reads} reads, {items.SyncReads} synchronous");
    }

    [Fact]
    public void Demand_IsRespected_OneReadPerPull()
    {
        var items = new ScriptedEnumerable<int>();
        items.Write(1, 2, 3, 4, 5);
        var sink = Run(items);

        sink.Request(2);
        sink.ExpectNext(1, 2);
        sink.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        Assert.Equal(2, items.Reads);
        sink.Request(1);
        sink.ExpectNext(3);
        Assert.Equal(3, items.Reads);
    }

    [Fact]
    public void FailedPendingRead_FailsTheStream_WithTheSameException()
    {
        var items = new ScriptedEnumerable<int>();
        var sink = Run(items);
        var error = new InvalidOperationException("node said no");

        sink.Request(10);
        items.Write(1);
        sink.ExpectNext(1);
        AwaitCondition(() => items.Reads == 2, Patience);
        items.Complete(error);

        Assert.Same(error, sink.ExpectError());
    }

    [Fact]
    public async Task ReadThatThrowsAtOnce_FailsTheStream_AndDisposesTheEnumerator()
    {
        var items = new ScriptedEnumerable<int> { ThrowOnRead = new TimeoutException("at once") };
        var sink = Run(items);

        sink.Request(1);

        Assert.IsType<TimeoutException>(sink.ExpectError());
        await items.Disposed.Task.WaitAsync(Patience);
    }

    [Fact]
    public void FailingOpen_FailsTheStream()
    {
        var error = new InvalidOperationException("no client");
        var sink = Source.FromGraph(new AsyncEnumerableStage<int>(() => throw error)).RunWith(this.SinkProbe<int>(), _materializer);

        sink.Request(1);

        Assert.Same(error, sink.ExpectError());
    }

    [Fact]
    public async Task Cancel_WhileAReadIsPending_CancelsTheTokenAndDisposesAfterTheRead()
    {
        var items = new ScriptedEnumerable<int>();
        var sink = Run(items);
        sink.Request(1);
        AwaitCondition(() => items.Reads == 1, Patience);

        sink.Cancel();

        await items.Disposed.Task.WaitAsync(Patience);
        Assert.True(items.Token.IsCancellationRequested);
    }

    [Fact]
    public async Task Cancel_BetweenReads_DisposesTheEnumerator()
    {
        var items = new ScriptedEnumerable<int>();
        items.Write(1);
        var sink = Run(items);
        sink.Request(1);
        sink.ExpectNext(1);

        sink.Cancel();

        await items.Disposed.Task.WaitAsync(Patience);
        Assert.True(items.Token.IsCancellationRequested);
        Assert.Equal(1, items.Reads);
    }

    [Fact]
    public async Task Completion_DisposesTheEnumerator()
    {
        var items = new ScriptedEnumerable<int>();
        items.Complete();
        var sink = Run(items);

        sink.Request(1);

        sink.ExpectComplete();
        await items.Disposed.Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task AsyncIterator_ThatYieldsAndAwaits_IsReadToTheEnd()
    {
        var sink = AsyncEnumerableSource.From(() => CountAsync(50)).RunWith(Sink.Seq<int>(), _materializer);

        Assert.Equal(Enumerable.Range(0, 50), await sink.WaitAsync(Patience));
    }

    private static async IAsyncEnumerable<int> CountAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (i % 7 == 0)
            {
                await Task.Yield();
            }

            yield return i;
        }
    }

    private TestSubscriber.Probe<int> Run(ScriptedEnumerable<int> items) =>
        AsyncEnumerableSource.From(() => items).RunWith(this.SinkProbe<int>(), _materializer);
}
