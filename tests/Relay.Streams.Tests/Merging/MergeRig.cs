using Akka.Streams.TestKit;
using Relay.Streams.Merging;

namespace Relay.Streams.Tests.Merging;

/// <summary>A running merge: the probe feeding it inputs, the probe reading its output, its stats.</summary>
public sealed record MergeRig(
    TestPublisher.Probe<MergeInput<TestFlow>> Outer,
    TestSubscriber.Probe<TestFlow> Out,
    MergeStats Stats);
