using System.Text.RegularExpressions;

namespace Relay.Image.Tests.Dockerfile;

/// <summary>
/// The build context's exclusions (<c>.dockerignore</c>), for the patterns this repository uses: <c>*</c>,
/// <c>?</c>, a leading <c>**/</c> and a trailing <c>/</c>. A path is excluded when it or a folder above it
/// matches. Negations (<c>!</c>) are refused rather than misread.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly IReadOnlyList<Regex> _patterns;

    private DockerIgnore(IReadOnlyList<Regex> patterns) => _patterns = patterns;

    public static DockerIgnore Load(string path) => Parse(File.Exists(path) ? File.ReadAllLines(path) : []);

    public static DockerIgnore Parse(IEnumerable<string> lines)
    {
        var patterns = new List<Regex>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('!'))
            {
                throw new NotSupportedException($".dockerignore negation '{line}' is not understood by these tests");
            }

            patterns.Add(ToRegex(line.Trim('/')));
        }

        return new DockerIgnore(patterns);
    }

    /// <summary>True when <paramref name="relativePath"/> (from the context root, '/' separated) is left out.</summary>
    public bool Excludes(string relativePath)
    {
        var parts = relativePath.Replace('\\', '/').Trim('/').Split('/');
        for (var depth = 1; depth <= parts.Length; depth++)
        {
            var prefix = string.Join('/', parts.Take(depth));
            if (_patterns.Any(p => p.IsMatch(prefix)))
            {
                return true;
            }
        }

        return false;
    }

    private static Regex ToRegex(string pattern)
    {
        var body = Regex.Escape(pattern)
            .Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal)
            .Replace(@"\*", "[^/]*", StringComparison.Ordinal)
            .Replace(@"\?", "[^/]", StringComparison.Ordinal);
        return new Regex($"^{body}$", RegexOptions.CultureInvariant);
    }
}
