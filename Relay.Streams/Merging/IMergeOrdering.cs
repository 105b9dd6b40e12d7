namespace Relay.Streams.Merging;

/// <summary>
/// Tells <see cref="MergeSortedN"/> where an element belongs in time.
/// </summary>
/// <typeparam name="T">The merged element type.</typeparam>
public interface IMergeOrdering<in T>
{
    /// <summary>
    /// The element's time in unix nanoseconds, or null for an untimed control element (e.g. a node-status event),
    /// which the merge passes on as soon as downstream asks, ahead of any timed element it still holds.
    /// </summary>
    long? TimeOf(T element);
}
