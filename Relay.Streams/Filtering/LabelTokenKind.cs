namespace Relay.Streams.Filtering;

/// <summary>Token kinds of the Kubernetes label selector syntax.</summary>
internal enum LabelTokenKind
{
    End,
    Identifier,
    DoesNotExist,
    Equals,
    DoubleEquals,
    NotEquals,
    In,
    NotIn,
    GreaterThan,
    LessThan,
    OpenParenthesis,
    CloseParenthesis,
    Comma,
}
