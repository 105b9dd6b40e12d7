using Akka.Streams;
using Akka.Streams.Stage;

namespace Relay.Streams.Merging;

/// <summary>
/// The <see cref="MergeSortedN"/> stage blueprint: immutable; each materialization gets its own
/// <see cref="Logic"/> and <see cref="MergeStats"/>. The contract is documented on <see cref="MergeSortedN"/>.
/// </summary>
internal sealed partial class MergeSortedStage<T> : GraphStageWithMaterializedValue<FlowShape<MergeInput<T>, T>, MergeStats>
{
    private readonly IMergeOrdering<T> _ordering;
    private readonly MergeSortedSettings _settings;
    private readonly Func<string, Exception, T?>? _onInputFailure;

    public MergeSortedStage(IMergeOrdering<T> ordering, MergeSortedSettings settings, Func<string, Exception, T?>? onInputFailure)
    {
        _ordering = ordering;
        _settings = settings;
        _onInputFailure = onInputFailure;
        Shape = new FlowShape<MergeInput<T>, T>(In, Out);
    }

    public Inlet<MergeInput<T>> In { get; } = new("MergeSortedN.in");

    public Outlet<T> Out { get; } = new("MergeSortedN.out");

    public override FlowShape<MergeInput<T>, T> Shape { get; }

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("mergeSortedN");

    public override ILogicAndMaterializedValue<MergeStats> CreateLogicAndMaterializedValue(Attributes inheritedAttributes)
    {
        var stats = new MergeStats();
        return new LogicAndMaterializedValue<MergeStats>(new Logic(this, stats, inheritedAttributes), stats);
    }

    public override string ToString() => "MergeSortedN";
}
