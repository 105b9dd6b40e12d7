using System.Text.Json;

namespace Relay.Api.Tests.Logging;

/// <summary><c>--log-format json</c> on the real process: one JSON object per line, and no flow contents at info.</summary>
public sealed class JsonLogTests(JsonLogRun run) : IClassFixture<JsonLogRun>
{
    [Fact]
    public void EveryLine_IsOneJsonObject_WithLevelCategoryAndMessage()
    {
        Assert.NotEmpty(run.Stdout);
        foreach (var line in run.Stdout)
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            Assert.Equal(JsonValueKind.Object, root.ValueKind);
            Assert.False(string.IsNullOrEmpty(root.GetProperty("LogLevel").GetString()), line);
            Assert.False(string.IsNullOrEmpty(root.GetProperty("Category").GetString()), line);
            Assert.False(string.IsNullOrEmpty(root.GetProperty("Message").GetString()), line);
        }
    }

    [Fact]
    public void TheRun_IsLoggedFromStartToStop_AtInfoAndAbove()
    {
        var events = run.Stdout.Select(line => JsonDocument.Parse(line).RootElement).ToList();

        Assert.Contains(events, e => e.GetProperty("Message").GetString()!.StartsWith("Relay serving", StringComparison.Ordinal));
        Assert.Contains(events, e => e.GetProperty("Message").GetString() == "Relay stopped");
        Assert.All(events, e => Assert.NotEqual("Debug", e.GetProperty("LogLevel").GetString()));
        Assert.DoesNotContain(events, e => e.GetProperty("Category").GetString()!.StartsWith("Microsoft.", StringComparison.Ordinal));
    }

    [Fact]
    public void InfoLevel_CarriesNoFlowContents()
    {
        var flows = run.Responses.Where(r => r.Flow is not null).Select(r => r.Flow).ToList();
        Assert.Equal(JsonLogRun.Nodes * JsonLogRun.Prefill, flows.Count);
        var contents = flows
            .SelectMany(f => new[] { f.Uuid, f.IP?.Source, f.IP?.Destination, f.Source?.PodName, f.Destination?.PodName })
            .Where(s => !string.IsNullOrEmpty(s))
            .Distinct()
            .ToList();
        Assert.NotEmpty(contents);

        foreach (var line in run.Stdout)
        {
            Assert.DoesNotContain(contents, value => line.Contains(value!, StringComparison.Ordinal));
        }
    }
}
