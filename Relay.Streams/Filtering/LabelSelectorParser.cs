using System.Globalization;

namespace Relay.Streams.Filtering;

/// <summary>
/// Parses a Kubernetes label selector (<c>k=v</c>, <c>k!=v</c>, <c>k</c>, <c>!k</c>, <c>k in (a,b)</c>,
/// <c>k notin (a)</c>, <c>k&gt;1</c>, comma-separated and AND'ed) with Hubble's Cilium extension: a key may
/// carry a label source (<c>k8s:app</c>, <c>reserved:host</c>); a key without one matches any source.
/// Follows the upstream grammar, including its quirks (e.g. <c>k in ()</c> means the empty value).
/// </summary>
internal sealed class LabelSelectorParser
{
    private readonly string _selector;
    private readonly List<LabelToken> _tokens;
    private int _position;

    private LabelSelectorParser(string selector)
    {
        _selector = selector;
        _tokens = LabelSelectorLexer.Tokenize(selector);
    }

    public static LabelSelector Parse(string selector) => new(new LabelSelectorParser(selector).ParseRequirements());

    private LabelRequirement[] ParseRequirements()
    {
        var requirements = new List<LabelRequirement>();
        while (true)
        {
            var next = PeekValue();
            switch (next.Kind)
            {
                case LabelTokenKind.End:
                    return requirements.ToArray();
                case LabelTokenKind.Identifier or LabelTokenKind.DoesNotExist:
                    requirements.Add(ParseRequirement());
                    var separator = ConsumeValue();
                    if (separator.Kind == LabelTokenKind.End)
                    {
                        return requirements.ToArray();
                    }

                    if (separator.Kind != LabelTokenKind.Comma)
                    {
                        throw Error($"found '{separator.Text}', expected: ',' or 'end of string'");
                    }

                    if (PeekValue().Kind is not (LabelTokenKind.Identifier or LabelTokenKind.DoesNotExist))
                    {
                        throw Error($"found '{PeekValue().Text}', expected: identifier after ','");
                    }

                    break;
                default:
                    throw Error($"found '{next.Text}', expected: !, identifier, or 'end of string'");
            }
        }
    }

    private LabelRequirement ParseRequirement()
    {
        var token = ConsumeValue();
        var negated = token.Kind == LabelTokenKind.DoesNotExist;
        if (negated)
        {
            token = ConsumeValue();
        }

        if (token.Kind != LabelTokenKind.Identifier)
        {
            throw Error($"found '{token.Text}', expected: identifier");
        }

        var (source, key) = SplitKey(token.Text);
        if (negated)
        {
            return new LabelRequirement(source, key, LabelOperator.DoesNotExist, []);
        }

        if (PeekValue().Kind is LabelTokenKind.End or LabelTokenKind.Comma)
        {
            return new LabelRequirement(source, key, LabelOperator.Exists, []);
        }

        var op = ParseOperator();
        var values = op is LabelOperator.In or LabelOperator.NotIn ? ParseValueSet() : [ParseExactValue()];
        foreach (var value in values)
        {
            if (!LabelSyntax.IsLabelValue(value))
            {
                throw Error($"invalid label value \"{value}\"");
            }
        }

        long number = 0;
        if (op is LabelOperator.GreaterThan or LabelOperator.LessThan
            && !long.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
        {
            throw Error($"for 'gt', 'lt' operators, the value must be an integer, got \"{values[0]}\"");
        }

        return new LabelRequirement(source, key, op, values, number);
    }

    private (string Source, string Key) SplitKey(string text)
    {
        var colon = text.IndexOf(':');
        var source = colon < 0 ? CiliumLabel.AnySource : text[..colon];
        var key = colon < 0 ? text : text[(colon + 1)..];

        // Hubble validates the key as "source.key", a Kubernetes qualified name.
        if (!LabelSyntax.IsQualifiedName($"{source}.{key}"))
        {
            throw Error($"invalid label key \"{text}\"");
        }

        return (source, key);
    }

    private LabelOperator ParseOperator()
    {
        var token = _tokens[_position++];
        return token.Kind switch
        {
            LabelTokenKind.Equals or LabelTokenKind.DoubleEquals => LabelOperator.Equals,
            LabelTokenKind.NotEquals => LabelOperator.NotEquals,
            LabelTokenKind.In => LabelOperator.In,
            LabelTokenKind.NotIn => LabelOperator.NotIn,
            LabelTokenKind.GreaterThan => LabelOperator.GreaterThan,
            LabelTokenKind.LessThan => LabelOperator.LessThan,
            _ => throw Error($"found '{token.Text}', expected: '=', '!=', '==', 'in', 'notin', '>' or '<'"),
        };
    }

    private string[] ParseValueSet()
    {
        var open = ConsumeValue();
        if (open.Kind != LabelTokenKind.OpenParenthesis)
        {
            throw Error($"found '{open.Text}', expected: '('");
        }

        var values = new List<string>();
        if (PeekValue().Kind == LabelTokenKind.CloseParenthesis)
        {
            ConsumeValue();
            return [string.Empty];
        }

        while (true)
        {
            var token = ConsumeValue();
            switch (token.Kind)
            {
                case LabelTokenKind.Identifier:
                    values.Add(token.Text);
                    break;
                case LabelTokenKind.Comma:
                    // Empty entries ("(,a)", "(a,)", "(a,,b)") stand for the empty value.
                    values.Add(string.Empty);
                    continue;
                case LabelTokenKind.CloseParenthesis when values.Count > 0:
                    return values.Distinct().ToArray();
                default:
                    throw Error($"found '{token.Text}', expected: ',', ')' or identifier");
            }

            var next = PeekValue().Kind;
            if (next == LabelTokenKind.Comma)
            {
                ConsumeValue();
                if (PeekValue().Kind == LabelTokenKind.CloseParenthesis)
                {
                    values.Add(string.Empty);
                }
            }
            else if (next != LabelTokenKind.CloseParenthesis)
            {
                throw Error($"found '{PeekValue().Text}', expected: ',' or ')'");
            }
        }
    }

    private string ParseExactValue()
    {
        if (PeekValue().Kind is LabelTokenKind.End or LabelTokenKind.Comma)
        {
            return string.Empty;
        }

        var token = ConsumeValue();
        return token.Kind == LabelTokenKind.Identifier
            ? token.Text
            : throw Error($"found '{token.Text}', expected: identifier");
    }

    // Outside the operator position, "in" and "notin" are ordinary words (e.g. a label named "in").
    private LabelToken PeekValue() => AsValue(_tokens[_position]);

    private LabelToken ConsumeValue()
    {
        var token = AsValue(_tokens[_position]);
        if (token.Kind != LabelTokenKind.End)
        {
            _position++;
        }

        return token;
    }

    private static LabelToken AsValue(LabelToken token) =>
        token.Kind is LabelTokenKind.In or LabelTokenKind.NotIn ? token with { Kind = LabelTokenKind.Identifier } : token;

    private FormatException Error(string detail) => new($"invalid label selector \"{_selector}\": {detail}");
}
