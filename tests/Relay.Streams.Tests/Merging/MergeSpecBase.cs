using Akka;
using Akka.Configuration;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Akka.TestKit;
using Relay.Streams.Merging;
using Xunit.Abstractions;

namespace Relay.Streams.Tests.Merging;

/// <summary>
/// Shared set-up for the merge specs: an actor system on virtual time (the stage's clock and timers follow
/// <see cref="TestScheduler"/>), a materializer with one-element input buffers so that demand is observable,
/// and helpers to run the merge between probes.
/// </summary>
public abstract class MergeSpecBase : Akka.TestKit.Xunit2.TestKit
{
    private static readonly Config VirtualTime = ConfigurationFactory.ParseString(
        """akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit" """);

    protected MergeSpecBase(ITestOutputHelper output)
        : base(VirtualTime, output: output)
    {
        Materializer = Sys.Materializer(ActorMaterializerSettings.Create(Sys).WithInputBuffer(1, 1));
        Start = NowNs;
    }

    protected static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(150);

    protected ActorMaterializer Materializer { get; }

    protected TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    /// <summary>The virtual clock when the spec started, in unix nanoseconds: the base for follow-mode times.</summary>
    protected long Start { get; }

    protected long NowNs => (Clock.Now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * TimeSpan.NanosecondsPerTick;

    protected static long Ms(double milliseconds) => (long)(milliseconds * 1_000_000);

    protected MergeRig Run(MergeSortedSettings settings, Func<string, Exception, TestFlow?>? onInputFailure = null)
    {
        var ((outer, stats), output) = this.SourceProbe<MergeInput<TestFlow>>()
            .ViaMaterialized(MergeSortedN.Create(TestFlow.Ordering, settings, onInputFailure), Keep.Both)
            .ToMaterialized(this.SinkProbe<TestFlow>(), Keep.Both)
            .Run(Materializer);
        return new MergeRig(outer, output, stats);
    }

    /// <summary>Joins a new input fed by a publisher probe.</summary>
    protected async Task<TestPublisher.Probe<TestFlow>> JoinAsync(MergeRig rig, string name)
    {
        var input = this.CreatePublisherProbe<TestFlow>();
        await rig.Outer.SendNextAsync(new MergeInput<TestFlow>(name, Source.FromPublisher(input)));
        await input.EnsureSubscriptionAsync();
        return input;
    }

    /// <summary>Sends elements one by one, each time waiting until the stage has fully handled it.</summary>
    protected async Task SendAsync(MergeRig rig, TestPublisher.Probe<TestFlow> input, params TestFlow[] flows)
    {
        foreach (var flow in flows)
        {
            var received = rig.Stats.ElementsReceived;
            await input.SendNextAsync(flow);
            await AwaitConditionAsync(() => Task.FromResult(rig.Stats.ElementsReceived > received));
        }
    }

    protected static MergeInput<TestFlow> Input(string name, params long[] times) =>
        new(name, Source.From(times.Select((time, i) => TestFlow.At(name, time, i)).ToArray()));

    protected async Task<IReadOnlyList<TestFlow>> MergeAllAsync(MergeSortedSettings settings, params MergeInput<TestFlow>[] inputs) =>
        await MergeSortedN.Merge(inputs, TestFlow.Ordering, settings).RunWith(Sink.Seq<TestFlow>(), Materializer);
}
