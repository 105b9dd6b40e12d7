namespace Relay.Streams.Filtering;

/// <summary>The operators of a Kubernetes label selector requirement.</summary>
internal enum LabelOperator
{
    Exists,
    DoesNotExist,
    Equals,
    NotEquals,
    In,
    NotIn,
    GreaterThan,
    LessThan,
}
