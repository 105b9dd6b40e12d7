namespace Relay.Streams.Filtering;

/// <summary>
/// A Cilium label string (<c>source:key=value</c>) split into its parts without allocating, with Cilium's
/// rules: no source means <c>unspec</c>, <c>$key</c> and <c>reserved.key</c> mean source <c>reserved</c>.
/// </summary>
internal readonly ref struct CiliumLabel
{
    /// <summary>The selector source that matches labels of every source.</summary>
    public const string AnySource = "any";

    private const string UnspecifiedSource = "unspec";
    private const string ReservedSource = "reserved";
    private const string ReservedKeyPrefix = "reserved.";

    private CiliumLabel(ReadOnlySpan<char> source, ReadOnlySpan<char> key, ReadOnlySpan<char> value)
    {
        Source = source;
        Key = key;
        Value = value;
    }

    public ReadOnlySpan<char> Source { get; }

    public ReadOnlySpan<char> Key { get; }

    public ReadOnlySpan<char> Value { get; }

    public static CiliumLabel Parse(ReadOnlySpan<char> text)
    {
        var source = ReadOnlySpan<char>.Empty;
        var rest = text;
        var colon = text.IndexOf(':');
        if (!text.IsEmpty && text[0] == '$')
        {
            source = ReservedSource;
            rest = text[1..];
        }
        else if (colon >= 0)
        {
            source = text[..colon];
            rest = text[(colon + 1)..];
        }
        else if (text.StartsWith(ReservedKeyPrefix, StringComparison.Ordinal))
        {
            source = ReservedSource;
            rest = text[ReservedKeyPrefix.Length..];
        }

        if (source.IsEmpty)
        {
            source = UnspecifiedSource;
        }

        var equals = rest.IndexOf('=');
        if (equals < 0)
        {
            return new CiliumLabel(source, rest, default);
        }

        if (equals == 0 && source.SequenceEqual(ReservedSource))
        {
            return new CiliumLabel(source, rest[1..], default);
        }

        return new CiliumLabel(source, rest[..equals], rest[(equals + 1)..]);
    }
}
