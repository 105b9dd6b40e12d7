using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Relay.Image.Tests.Dockerfile;

/// <summary>
/// A Dockerfile read the way the builder reads it, as far as these tests need: comments dropped, continuation
/// lines joined, ARGs before the first FROM as global build arguments, one <see cref="DockerStage"/> per FROM.
/// </summary>
internal sealed partial class DockerfileModel
{
    private DockerfileModel(IReadOnlyDictionary<string, string> globalArgs, IReadOnlyList<DockerStage> stages)
    {
        GlobalArgs = globalArgs;
        Stages = stages;
    }

    /// <summary>ARGs declared before the first FROM, with their defaults ("" when none).</summary>
    public IReadOnlyDictionary<string, string> GlobalArgs { get; }

    public IReadOnlyList<DockerStage> Stages { get; }

    /// <summary>The stage the image is made of.</summary>
    public DockerStage Final => Stages[^1];

    public DockerStage Stage(string name) =>
        Stages.SingleOrDefault(s => s.Name == name) ?? throw new InvalidOperationException($"no stage named '{name}'");

    public static DockerfileModel Load(string path) => Parse(File.ReadAllText(path));

    public static DockerfileModel Parse(string text)
    {
        var globalArgs = new Dictionary<string, string>();
        var stages = new List<DockerStage>();
        (string Image, string? Name, string? Platform)? current = null;
        var instructions = new List<DockerInstruction>();
        foreach (var instruction in Instructions(text))
        {
            if (instruction.Keyword == "FROM")
            {
                if (current is { } open)
                {
                    stages.Add(new DockerStage(open.Image, open.Name, open.Platform, instructions));
                }

                var words = instruction.Words;
                current = (words[0], words.Count >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null,
                    instruction.Flags.GetValueOrDefault("platform"));
                instructions = [];
            }
            else if (current is null)
            {
                if (instruction.Keyword == "ARG")
                {
                    var (name, value) = SplitArg(instruction.Arguments);
                    globalArgs[name] = value;
                }
            }
            else
            {
                instructions.Add(instruction);
            }
        }

        if (current is { } last)
        {
            stages.Add(new DockerStage(last.Image, last.Name, last.Platform, instructions));
        }

        return new DockerfileModel(globalArgs, stages);
    }

    /// <summary>An exec-form ENTRYPOINT or CMD (<c>["a", "b"]</c>); null for the shell form.</summary>
    public static IReadOnlyList<string>? ExecForm(DockerInstruction? instruction) =>
        instruction is not null && instruction.Arguments.StartsWith('[')
            ? JsonSerializer.Deserialize<string[]>(instruction.Arguments)
            : null;

    /// <summary>The LABEL keys and values of a stage (<c>key="value"</c> pairs, quotes removed).</summary>
    public static IReadOnlyDictionary<string, string> Labels(DockerStage stage) =>
        stage.All("LABEL")
            .SelectMany(l => LabelPair().Matches(l.Arguments))
            .ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value);

    /// <summary>Splits <c>NAME=default</c> (or a bare <c>NAME</c>).</summary>
    public static (string Name, string Value) SplitArg(string arguments)
    {
        var eq = arguments.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? (arguments.Trim(), string.Empty) : (arguments[..eq].Trim(), arguments[(eq + 1)..].Trim().Trim('"'));
    }

    private static IEnumerable<DockerInstruction> Instructions(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var joined = new StringBuilder();
        var startLine = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            if (line.TrimStart().StartsWith('#') || (line.Length == 0 && joined.Length == 0))
            {
                continue;
            }

            if (joined.Length == 0)
            {
                startLine = i + 1;
            }

            if (line.EndsWith('\\'))
            {
                joined.Append(line[..^1]).Append(' ');
                continue;
            }

            joined.Append(line);
            yield return ToInstruction(joined.ToString().Trim(), startLine);
            joined.Clear();
        }
    }

    private static DockerInstruction ToInstruction(string text, int line)
    {
        var space = text.IndexOfAny([' ', '\t']);
        var keyword = (space < 0 ? text : text[..space]).ToUpperInvariant();
        var rest = space < 0 ? string.Empty : text[(space + 1)..].Trim();
        var flags = new Dictionary<string, string>();
        while (rest.StartsWith("--", StringComparison.Ordinal))
        {
            var end = rest.IndexOfAny([' ', '\t']);
            var flag = end < 0 ? rest : rest[..end];
            var eq = flag.IndexOf('=', StringComparison.Ordinal);
            flags[eq < 0 ? flag[2..] : flag[2..eq]] = eq < 0 ? string.Empty : flag[(eq + 1)..];
            rest = end < 0 ? string.Empty : rest[(end + 1)..].TrimStart();
        }

        return new DockerInstruction(keyword, flags, rest, line);
    }

    [GeneratedRegex(@"(?<key>[A-Za-z0-9_.\-]+)=""(?<value>[^""]*)""")]
    private static partial Regex LabelPair();
}
