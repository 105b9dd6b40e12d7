namespace Relay.Streams.Filtering;

/// <summary>A FlowFilter field that is set but that the matcher cannot evaluate, or a value it cannot parse.</summary>
public sealed class UnsupportedFilterException(string field, string message)
    : ArgumentException($"{field}: {message}")
{
    /// <summary>The FlowFilter field name as in the proto, e.g. <c>source_ip</c>.</summary>
    public string Field { get; } = field;
}
