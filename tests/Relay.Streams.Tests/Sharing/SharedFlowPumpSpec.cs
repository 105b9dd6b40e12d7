using System.Threading.Channels;
using Akka.Streams;
using Akka.Streams.TestKit;
using Relay.Streams.Sharing;
using Relay.Streams.Wire;

namespace Relay.Streams.Tests.Sharing;

public sealed class SharedFlowPumpSpec : Akka.TestKit.Xunit2.TestKit
{
    private readonly IMaterializer _materializer;
    private readonly Channel<RawFlowResponse> _node = Channel.CreateUnbounded<RawFlowResponse>();
    private readonly FlowHub _hub = new("node-a", 0, new SharedFlowSettings(8, 4));

    public SharedFlowPumpSpec() => _materializer = Sys.Materializer();

    private static RawFlowResponse Flow(long time) => new([(byte)time], "node-a", time, ResponseKind.Flow);

    private TestSubscriber.Probe<RawFlowResponse> Follow()
    {
        Assert.Equal(FlowHubJoin.Joined, _hub.TryJoin(0, out var subscription));
        var probe = subscription!.AsSource().RunWith(this.SinkProbe<RawFlowResponse>(), _materializer);
        probe.Request(10);
        return probe;
    }

    [Fact]
    public async Task Responses_ReachEveryFollower_AndTheNodesEnd_EndsThem()
    {
        var first = Follow();
        var second = Follow();
        var pump = SharedFlowPump.Run(_hub, _node.Reader.ReadAllAsync());

        await _node.Writer.WriteAsync(Flow(1));
        await _node.Writer.WriteAsync(Flow(2));
        _node.Writer.Complete();

        foreach (var follower in new[] { first, second })
        {
            Assert.Equal(1L, follower.ExpectNext().TimeNanos);
            Assert.Equal(2L, follower.ExpectNext().TimeNanos);
            follower.ExpectComplete();
        }

        await pump.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task NodeFailure_FailsTheFollowers_WithTheNodesError()
    {
        var follower = Follow();
        var pump = SharedFlowPump.Run(_hub, _node.Reader.ReadAllAsync());
        var error = new InvalidOperationException("node reset the stream");

        await _node.Writer.WriteAsync(Flow(1));
        _node.Writer.Complete(error);

        Assert.Equal(1L, follower.ExpectNext().TimeNanos);
        Assert.Same(error, follower.ExpectError());
        await pump.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Same(error, _hub.Failure);
    }

    [Fact]
    public async Task LastFollowerLeaving_ThenTheCallCancelled_EndsThePumpQuietly()
    {
        using var callEnded = new CancellationTokenSource();
        var follower = Follow();
        var pump = SharedFlowPump.Run(_hub, _node.Reader.ReadAllAsync(callEnded.Token));
        await _node.Writer.WriteAsync(Flow(1));
        Assert.Equal(1L, follower.ExpectNext().TimeNanos);

        follower.Cancel();
        await _hub.Terminated.WaitAsync(TimeSpan.FromSeconds(10));
        await callEnded.CancelAsync();

        await pump.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null(_hub.Failure); // the cancellation came after the hub closed: nothing to report
    }
}
