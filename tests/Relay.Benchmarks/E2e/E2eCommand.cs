namespace Relay.Benchmarks.E2e;

/// <summary>
/// <c>Relay.Benchmarks e2e [options]</c>: runs the selected scenarios, prints the markdown table to stdout and
/// writes the JSON and markdown reports where asked. Progress goes to stderr.
/// </summary>
internal static class E2eCommand
{
    public const string Name = "e2e";

    public static async Task<int> RunAsync(string[] args)
    {
        E2eOptions options;
        IReadOnlyList<ScenarioSpec> scenarios;
        try
        {
            options = E2eOptions.Parse(args);
            scenarios = ScenarioCatalog.Select(options);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}{Environment.NewLine}{E2eOptions.Usage}");
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        var report = await E2eDriver.RunAsync(scenarios, options.Quick, Console.Error, cancel.Token, options.ParseRelayEnvironment(), options.RelayDll);
        var markdown = MarkdownReport.Render(report);
        if (options.JsonPath is { } json)
        {
            await File.WriteAllTextAsync(json, report.ToJson());
        }

        if (options.MarkdownPath is { } path)
        {
            await File.WriteAllTextAsync(path, markdown);
        }

        await Console.Out.WriteAsync(markdown);
        return 0;
    }
}
