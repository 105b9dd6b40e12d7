namespace Relay.Streams.Merging;

/// <summary>Ready-made <see cref="IMergeOrdering{T}"/> implementations.</summary>
public static class MergeOrdering
{
    /// <summary>An ordering that reads an element's time with the given function (null = control element).</summary>
    public static IMergeOrdering<T> By<T>(Func<T, long?> timeOf)
    {
        ArgumentNullException.ThrowIfNull(timeOf);
        return new FunctionOrdering<T>(timeOf);
    }

    private sealed class FunctionOrdering<T>(Func<T, long?> timeOf) : IMergeOrdering<T>
    {
        public long? TimeOf(T element) => timeOf(element);
    }
}
