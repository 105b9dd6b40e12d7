using Akka;
using Akka.Streams.Dsl;

namespace Relay.Streams.Merging;

/// <summary>
/// One input joining a running <see cref="MergeSortedN"/>: a named stream (a node's flows) that is itself in time
/// order, or nearly so. The name breaks ties between equal times and identifies the input in failure reports.
/// </summary>
/// <typeparam name="T">The merged element type.</typeparam>
public sealed record MergeInput<T>(string Name, Source<T, NotUsed> Source);
