using Hubble.Flow;
using Relay.Streams.Filtering;

namespace Relay.Streams.Tests.Filtering;

/// <summary>Compiles one filter as the whole whitelist and asks whether a flow passes.</summary>
internal static class FilterAssert
{
    public static bool Passes(FlowFilter filter, Flow flow) => FlowFilterMatcher.Compile([filter], []).Matches(flow);

    public static UnsupportedFilterException Rejects(FlowFilter filter) =>
        Assert.Throws<UnsupportedFilterException>(() => FlowFilterMatcher.Compile([filter], []));

    public static FlowFilter Filter(Action<FlowFilter> set)
    {
        var filter = new FlowFilter();
        set(filter);
        return filter;
    }

    public static Flow Flow(Action<Flow> set)
    {
        var flow = new Flow();
        set(flow);
        return flow;
    }
}
