namespace Relay.Streams.Filtering;

/// <summary>One token of a label selector and the text it was read from.</summary>
internal readonly record struct LabelToken(LabelTokenKind Kind, string Text);
