using Akka.Streams.Dsl;

namespace Relay.Streams.Merging;

/// <summary>
/// Merges any number of time-ordered inputs, which may join and leave while it runs, into one time-ordered
/// stream: exact in history mode, bounded-latency in follow mode (see <see cref="MergeSortedSettings"/>).
/// <list type="bullet">
/// <item>Emits when downstream demands and a control element is waiting, or the oldest held timed element may
/// be released (history: every input has filled its buffer or finished, and the outer source has completed;
/// follow: every live input holds an element, or its lateness deadline passed, or some input's buffer is full;
/// both: it is late, i.e. older than an element already emitted).</item>
/// <item>Backpressures when downstream does; each input is pulled only while it holds fewer than
/// <see cref="MergeSortedSettings.PerInputBufferMax"/> elements. The outer source is always pulled.</item>
/// <item>Completes when the outer source and every input have completed and all held elements were emitted.
/// A failed input leaves without failing the merge; the outer source failing fails it.</item>
/// <item>Cancels when downstream cancels: the outer source and every live input are cancelled.</item>
/// </list>
/// </summary>
public static class MergeSortedN
{
    /// <summary>
    /// The merge as a flow of inputs to merged elements; its materialized value counts late elements,
    /// buffering and inputs. An input whose name equals a live input's replaces it: the old one is cancelled,
    /// what it already delivered is still merged.
    /// </summary>
    /// <param name="ordering">Reads each element's time (null for control elements).</param>
    /// <param name="settings">History or follow, lateness bound, per-input buffer.</param>
    /// <param name="onInputFailure">
    /// Maps an input's failure (input name, error) to a control element emitted in its place, e.g. a
    /// NODE_ERROR event; null (or a null result) drops the failure, which is still counted in
    /// <see cref="MergeStats.InputsFailed"/>.
    /// </param>
    public static Flow<MergeInput<T>, T, MergeStats> Create<T>(
        IMergeOrdering<T> ordering,
        MergeSortedSettings settings,
        Func<string, Exception, T?>? onInputFailure = null)
    {
        ArgumentNullException.ThrowIfNull(ordering);
        ArgumentNullException.ThrowIfNull(settings);
        return Flow.FromGraph(new MergeSortedStage<T>(ordering, settings.Validated(), onInputFailure));
    }

    /// <summary>Merges a fixed set of named sources; the set is final, so history mode is exact.</summary>
    public static Source<T, MergeStats> Merge<T>(
        IEnumerable<MergeInput<T>> inputs,
        IMergeOrdering<T> ordering,
        MergeSortedSettings settings,
        Func<string, Exception, T?>? onInputFailure = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return Source.From(inputs.ToArray()).ViaMaterialized(Create(ordering, settings, onInputFailure), Keep.Right);
    }
}
