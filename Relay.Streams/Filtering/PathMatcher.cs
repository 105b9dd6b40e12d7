namespace Relay.Streams.Filtering;

/// <summary>Receives a decoded path that lives only for the duration of the call (it may be on the stack).</summary>
internal delegate bool PathMatcher<in TState>(ReadOnlySpan<char> path, TState state);
