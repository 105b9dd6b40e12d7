using Hubble.Flow;

namespace Relay.Streams.Filtering;

/// <summary>Reads one value from a flow; false when the flow does not carry it (e.g. no source endpoint).</summary>
internal delegate bool FlowValueReader<T>(Flow flow, out T value);
