namespace Relay.Streams.Filtering;

/// <summary>
/// Splits a label selector into tokens like Kubernetes' selector lexer: identifiers run up to whitespace or one
/// of <c>=!(),&lt;&gt;</c>; <c>in</c> and <c>notin</c> are keywords; <c>!=</c> and <c>==</c> are single tokens.
/// </summary>
internal static class LabelSelectorLexer
{
    public static List<LabelToken> Tokenize(string selector)
    {
        var tokens = new List<LabelToken>();
        var position = 0;
        while (true)
        {
            while (position < selector.Length && IsWhitespace(selector[position]))
            {
                position++;
            }

            if (position == selector.Length)
            {
                tokens.Add(new LabelToken(LabelTokenKind.End, "end of string"));
                return tokens;
            }

            var start = position;
            var current = selector[position];
            if (IsSpecial(current))
            {
                var twoCharacters = position + 1 < selector.Length && selector[position + 1] == '='
                    && current is '!' or '=';
                position += twoCharacters ? 2 : 1;
                tokens.Add(new LabelToken(SymbolKind(current, twoCharacters), selector[start..position]));
                continue;
            }

            while (position < selector.Length && !IsWhitespace(selector[position]) && !IsSpecial(selector[position]))
            {
                position++;
            }

            var word = selector[start..position];
            var kind = word switch
            {
                "in" => LabelTokenKind.In,
                "notin" => LabelTokenKind.NotIn,
                _ => LabelTokenKind.Identifier,
            };
            tokens.Add(new LabelToken(kind, word));
        }
    }

    private static LabelTokenKind SymbolKind(char symbol, bool followedByEquals) => symbol switch
    {
        '!' => followedByEquals ? LabelTokenKind.NotEquals : LabelTokenKind.DoesNotExist,
        '=' => followedByEquals ? LabelTokenKind.DoubleEquals : LabelTokenKind.Equals,
        '(' => LabelTokenKind.OpenParenthesis,
        ')' => LabelTokenKind.CloseParenthesis,
        ',' => LabelTokenKind.Comma,
        '>' => LabelTokenKind.GreaterThan,
        _ => LabelTokenKind.LessThan,
    };

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsSpecial(char c) => c is '=' or '!' or '(' or ')' or ',' or '>' or '<';
}
