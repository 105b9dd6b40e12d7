namespace Relay.Streams.Filtering;

/// <summary>Kubernetes' syntax rules for label keys (qualified names) and label values.</summary>
internal static class LabelSyntax
{
    private const int MaxNameLength = 63;
    private const int MaxPrefixLength = 253;

    /// <summary>An optional DNS subdomain prefix and '/', then a name of at most 63 characters.</summary>
    public static bool IsQualifiedName(string text)
    {
        var parts = text.Split('/');
        if (parts.Length > 2)
        {
            return false;
        }

        if (parts.Length == 2 && !IsDnsSubdomain(parts[0]))
        {
            return false;
        }

        var name = parts[^1];
        return name.Length is > 0 and <= MaxNameLength && IsNameToken(name);
    }

    /// <summary>Empty, or at most 63 alphanumerics, '-', '_', '.' that start and end alphanumeric.</summary>
    public static bool IsLabelValue(string text) =>
        text.Length == 0 || (text.Length <= MaxNameLength && IsNameToken(text));

    private static bool IsNameToken(string text)
    {
        if (!char.IsAsciiLetterOrDigit(text[0]) || !char.IsAsciiLetterOrDigit(text[^1]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDnsSubdomain(string text)
    {
        if (text.Length is 0 or > MaxPrefixLength)
        {
            return false;
        }

        foreach (var label in text.Split('.'))
        {
            if (label.Length == 0 || !IsLowerAlphanumeric(label[0]) || !IsLowerAlphanumeric(label[^1]))
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!IsLowerAlphanumeric(c) && c != '-')
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsLowerAlphanumeric(char c) => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c);
}
