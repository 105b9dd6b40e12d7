namespace Relay.Protos.Tests.Contract;

/// <summary>
/// Compares two fact lists as sets and describes the difference per subject (kind, name, fact, first detail),
/// so a renumbered field shows up as one "changed" line instead of a missing plus an extra one.
/// </summary>
internal sealed class FactDiff
{
    private FactDiff(IReadOnlyList<string> missing, IReadOnlyList<string> extra, IReadOnlyList<(string Expected, string Actual)> changed)
    {
        Missing = missing;
        Extra = extra;
        Changed = changed;
    }

    /// <summary>Facts in the expected list whose subject is absent from the actual list.</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>Facts in the actual list whose subject is absent from the expected list.</summary>
    public IReadOnlyList<string> Extra { get; }

    /// <summary>Subjects present on both sides with different details.</summary>
    public IReadOnlyList<(string Expected, string Actual)> Changed { get; }

    public bool IsEmpty => Missing.Count == 0 && Extra.Count == 0 && Changed.Count == 0;

    public static FactDiff Compare(IEnumerable<string> expected, IEnumerable<string> actual)
    {
        var expectedSet = expected.ToHashSet(StringComparer.Ordinal);
        var actualSet = actual.ToHashSet(StringComparer.Ordinal);
        var onlyExpected = expectedSet.Except(actualSet).Order(StringComparer.Ordinal).ToList();
        var onlyActual = actualSet.Except(expectedSet).Order(StringComparer.Ordinal).ToList();

        // Pair up leftovers that describe the same subject; a subject can occur once per side at most
        // for fields, enum values and methods, which is where changes matter.
        var actualBySubject = onlyActual.GroupBy(Subject).ToDictionary(g => g.Key, g => g.ToList());
        var missing = new List<string>();
        var changed = new List<(string, string)>();
        foreach (var fact in onlyExpected)
        {
            if (actualBySubject.TryGetValue(Subject(fact), out var candidates) && candidates.Count > 0)
            {
                changed.Add((fact, candidates[0]));
                candidates.RemoveAt(0);
            }
            else
            {
                missing.Add(fact);
            }
        }

        var extra = actualBySubject.Values.SelectMany(v => v).Order(StringComparer.Ordinal).ToList();
        return new FactDiff(missing, extra, changed);
    }

    public string Describe()
    {
        var text = new System.Text.StringBuilder();
        text.Append($"Wire contract differs: {Missing.Count} missing, {Extra.Count} extra, {Changed.Count} changed.\n");
        foreach (var fact in Missing)
        {
            text.Append("  missing: ").Append(Readable(fact)).Append('\n');
        }

        foreach (var fact in Extra)
        {
            text.Append("  extra:   ").Append(Readable(fact)).Append('\n');
        }

        foreach (var (expected, actual) in Changed)
        {
            text.Append("  changed: ").Append(Readable(expected)).Append('\n');
            text.Append("       to: ").Append(Readable(actual)).Append('\n');
        }

        return text.ToString();
    }

    // Subject = kind, name, fact, plus the first detail for facts that repeat per name
    // (field, enum value, method, import, reserved); package, syntax and "defined" occur once per name.
    private static string Subject(string fact)
    {
        var columns = fact.Split('\t');
        var once = columns.Length > 2 && columns[2] is "package" or "syntax" or "defined";
        return string.Join('\t', columns.Take(once ? 3 : 4));
    }

    private static string Readable(string fact) => fact.Replace('\t', ' ');
}
