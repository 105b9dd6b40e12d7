using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Relay.Image.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Relay.Image.Tests.Dockerfile;

/// <summary>
/// Replays a Dockerfile on the host, for machines without a container engine. Each stage gets a root folder:
/// WORKDIR moves inside it, COPY copies from the build context (minus <c>.dockerignore</c>) or from an earlier
/// stage's root, RUN runs its command on the host with container paths mapped into the root. A stage's base
/// image contributes nothing: the build stage's SDK is the host's, and the final root holds exactly what the
/// Dockerfile adds to its base. Metadata (LABEL, ENV, USER, EXPOSE, ENTRYPOINT, CMD) is left to the invariant
/// tests; any other instruction fails the replay rather than being skipped silently.
/// </summary>
internal sealed partial class DockerBuildReplay(DockerfileModel model, string context, string workRoot, IReadOnlyDictionary<string, string> buildArgs, ITestOutputHelper log)
{
    private static readonly HashSet<string> Metadata = ["LABEL", "ENV", "USER", "EXPOSE", "ENTRYPOINT", "CMD"];

    private readonly DockerIgnore _ignore = DockerIgnore.Load(Path.Combine(context, ".dockerignore"));

    /// <summary>Builds every stage in order; returns the final stage's root folder.</summary>
    public async Task<string> BuildAsync(TimeSpan commandTimeout)
    {
        var roots = new List<string>();
        for (var index = 0; index < model.Stages.Count; index++)
        {
            var root = Path.Combine(workRoot, $"stage-{index}");
            Directory.CreateDirectory(root);
            roots.Add(root);
            await BuildStageAsync(model.Stages[index], root, roots, commandTimeout);
        }

        return roots[^1];
    }

    private async Task BuildStageAsync(DockerStage stage, string root, List<string> roots, TimeSpan commandTimeout)
    {
        var variables = new Dictionary<string, string>();
        var workdir = "/";
        foreach (var instruction in stage.Instructions)
        {
            switch (instruction.Keyword)
            {
                case "ARG":
                    var (name, fallback) = DockerfileModel.SplitArg(instruction.Arguments);
                    variables[name] = buildArgs.GetValueOrDefault(name) ?? model.GlobalArgs.GetValueOrDefault(name) ?? fallback;
                    break;
                case "WORKDIR":
                    workdir = Path.Combine(workdir, Expand(instruction.Arguments, variables, instruction));
                    Directory.CreateDirectory(Inside(root, workdir));
                    break;
                case "COPY":
                    Copy(instruction, variables, root, workdir, roots);
                    break;
                case "RUN":
                    await RunAsync(instruction, variables, root, workdir, commandTimeout);
                    break;
                case var keyword when Metadata.Contains(keyword):
                    break;
                default:
                    throw new NotSupportedException($"Dockerfile line {instruction.Line}: {instruction.Keyword} is not replayed by these tests");
            }
        }
    }

    private void Copy(DockerInstruction instruction, Dictionary<string, string> variables, string root, string workdir, List<string> roots)
    {
        var words = instruction.Words.Select(w => Expand(w, variables, instruction)).ToList();
        var sources = words.GetRange(0, words.Count - 1);
        var target = words[^1];
        var destination = Inside(root, target.StartsWith('/') ? target : Path.Combine(workdir, target));
        var intoDirectory = target.EndsWith('/') || sources.Count > 1;
        string? fromRoot = instruction.Flags.TryGetValue("from", out var from) ? StageRoot(from, roots) : null;
        foreach (var source in sources)
        {
            var path = fromRoot is null ? Path.Combine(context, source) : Inside(fromRoot, source);
            if (Directory.Exists(path))
            {
                CopyDirectory(path, destination, fromRoot is null ? source : null);
            }
            else if (File.Exists(path))
            {
                var file = intoDirectory ? Path.Combine(destination, Path.GetFileName(path)) : destination;
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.Copy(path, file, overwrite: true);
            }
            else
            {
                throw new FileNotFoundException($"Dockerfile line {instruction.Line}: COPY source '{source}' does not exist", path);
            }
        }
    }

    /// <summary>Copies a folder's contents; <paramref name="contextPath"/> is set for the build context, whose exclusions apply.</summary>
    private void CopyDirectory(string source, string destination, string? contextPath)
    {
        Directory.CreateDirectory(destination);
        foreach (var entry in Directory.EnumerateFileSystemEntries(source))
        {
            var name = Path.GetFileName(entry);
            var relative = contextPath is null ? null : Path.Combine(contextPath, name);
            if (relative is not null && _ignore.Excludes(relative))
            {
                continue;
            }

            if (Directory.Exists(entry))
            {
                CopyDirectory(entry, Path.Combine(destination, name), relative);
            }
            else
            {
                File.Copy(entry, Path.Combine(destination, name), overwrite: true);
            }
        }
    }

    private async Task RunAsync(DockerInstruction instruction, Dictionary<string, string> variables, string root, string workdir, TimeSpan timeout)
    {
        var words = instruction.Words.Select(w => Expand(w, variables, instruction)).ToList();
        var start = new ProcessStartInfo(words[0] == "dotnet" ? DotnetHost.FileName : words[0])
        {
            WorkingDirectory = Inside(root, workdir),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var word in words.Skip(1))
        {
            // Container paths live in the stage's root; everything else is passed as written.
            start.ArgumentList.Add(word.StartsWith('/') ? Inside(root, word) : word);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        var clock = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"Dockerfile line {instruction.Line} ran longer than {timeout}: {instruction.Arguments}\n{Tail(output)}");
        }

        log.WriteLine($"RUN {string.Join(' ', words)}: exit {process.ExitCode} after {clock.Elapsed.TotalSeconds:F0} s");
        Assert.True(process.ExitCode == 0, $"Dockerfile line {instruction.Line} failed ({process.ExitCode}): {instruction.Arguments}\n{Tail(output)}");
    }

    private string StageRoot(string from, List<string> roots)
    {
        var built = roots.Count - 1; // the current stage is not a source
        for (var i = 0; i < built; i++)
        {
            if (model.Stages[i].Name == from || from == i.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                return roots[i];
            }
        }

        throw new NotSupportedException($"COPY --from={from}: only earlier stages of this Dockerfile are replayed");
    }

    /// <summary>Expands <c>$NAME</c> and <c>${NAME}</c>; a variable the stage did not declare fails the replay.</summary>
    private static string Expand(string text, Dictionary<string, string> variables, DockerInstruction instruction) =>
        Variable().Replace(text, m =>
        {
            var name = m.Groups["braced"].Success ? m.Groups["braced"].Value : m.Groups["bare"].Value;
            return variables.TryGetValue(name, out var value)
                ? value
                : throw new InvalidOperationException($"Dockerfile line {instruction.Line}: ${name} is not declared in this stage (ARG {name})");
        });

    private static string Inside(string root, string containerPath) => Path.Combine(root, containerPath.TrimStart('/'));

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Tail(StringBuilder output)
    {
        lock (output)
        {
            var text = output.ToString();
            return text.Length <= 6000 ? text : text[^6000..];
        }
    }

    [GeneratedRegex(@"\$(\{(?<braced>[A-Za-z_][A-Za-z0-9_]*)\}|(?<bare>[A-Za-z_][A-Za-z0-9_]*))")]
    private static partial Regex Variable();
}
