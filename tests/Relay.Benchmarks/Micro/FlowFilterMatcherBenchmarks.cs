using BenchmarkDotNet.Attributes;
using Hubble.Flow;
using Relay.Streams.Filtering;

namespace Relay.Benchmarks.Micro;

/// <summary>
/// What one flow costs to match against a compiled filter, per filter family (see <see cref="FilterFamilies"/>).
/// The baseline is an empty filter list, i.e. the matcher's fixed overhead.
/// </summary>
[MemoryDiagnoser]
public class FlowFilterMatcherBenchmarks
{
    private FlowFilterMatcher _matcher = FlowFilterMatcher.All;
    private Flow _flow = new();

    [ParamsSource(nameof(Families))]
    public string Family { get; set; } = "verdict";

    public static IEnumerable<string> Families => FilterFamilies.All.Keys;

    [GlobalSetup]
    public void Setup()
    {
        _flow = FilterFamilies.NeedsHttp(Family) ? SampleFlows.Http() : SampleFlows.Tcp();
        _matcher = FlowFilterMatcher.Compile([FilterFamilies.All[Family]()], []);
        if (!_matcher.Matches(_flow))
        {
            throw new InvalidOperationException($"the {Family} filter does not match the sample flow");
        }
    }

    [Benchmark]
    public bool Matches() => _matcher.Matches(_flow);
}
