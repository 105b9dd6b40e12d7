using Relay.Streams.Merging;

namespace Relay.Streams.Tests.Merging;

/// <summary>A stand-in for a node's flow: its node, its time (null = control element), and a tag to tell equal ones apart.</summary>
public sealed record TestFlow(string Node, long? Time, int Tag = 0)
{
    public static IMergeOrdering<TestFlow> Ordering { get; } = MergeOrdering.By<TestFlow>(flow => flow.Time);

    public static TestFlow At(string node, long time, int tag = 0) => new(node, time, tag);

    public static TestFlow Control(string node, int tag = 0) => new(node, null, tag);
}
