namespace Relay.Benchmarks;

/// <summary>The <c>--name value</c> pairs and bare <c>--flag</c>s of a command line, read without a parser library.</summary>
internal sealed class CommandLineValues
{
    private readonly Dictionary<string, string?> _values;

    private CommandLineValues(Dictionary<string, string?> values) => _values = values;

    /// <summary>Reads <paramref name="args"/>; a name followed by another name or by nothing is a flag.</summary>
    /// <exception cref="ArgumentException">An argument is not a <c>--name</c>.</exception>
    public static CommandLineValues Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{name}'");
            }

            if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                values[name] = args[++i];
            }
            else
            {
                values[name] = null;
            }
        }

        return new CommandLineValues(values);
    }

    public IEnumerable<string> Names => _values.Keys;

    public bool Has(string name) => _values.ContainsKey(name);

    public string? Get(string name) => _values.TryGetValue(name, out var value) ? value : null;

    public string Require(string name) =>
        Get(name) ?? throw new ArgumentException($"{name} needs a value");

    public int? GetInt(string name) => Get(name) is { } value ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : null;

    public double? GetDouble(string name) => Get(name) is { } value ? double.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : null;
}
