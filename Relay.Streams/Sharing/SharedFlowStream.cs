using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using Relay.Streams.Wire;

namespace Relay.Streams.Sharing;

/// <summary>Runs a node's stream into a <see cref="FlowHub"/>, pulling it as fast as it delivers.</summary>
public static class SharedFlowStream
{
    /// <summary>
    /// Materializes <paramref name="upstream"/> into <paramref name="hub"/>: its completion or failure ends the
    /// hub, and the hub terminating (its last follower left) cancels it.
    /// </summary>
    public static void Run(FlowHub hub, Source<RawFlowResponse, NotUsed> upstream, IMaterializer materializer)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(materializer);
        var (killSwitch, done) = upstream
            .ViaMaterialized(KillSwitches.Single<RawFlowResponse>(), Keep.Right)
            .ToMaterialized(Sink.ForEach<RawFlowResponse>(hub.Offer), Keep.Both)
            .Run(materializer);
        done.ContinueWith(
            ended =>
            {
                if (ended.Exception is { } error)
                {
                    hub.Fail(error.InnerExceptions.Count == 1 ? error.InnerExceptions[0] : error);
                }
                else
                {
                    hub.Complete();
                }
            },
            TaskScheduler.Default);
        hub.Terminated.ContinueWith(_ => killSwitch.Shutdown(), TaskScheduler.Default);
    }
}
