namespace Relay.Image.Tests.Dockerfile;

/// <summary>One build stage: its base image, optional name and platform, and its instructions after FROM.</summary>
internal sealed record DockerStage(string BaseImage, string? Name, string? Platform, IReadOnlyList<DockerInstruction> Instructions)
{
    public IEnumerable<DockerInstruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);

    public DockerInstruction? Last(string keyword) => Instructions.LastOrDefault(i => i.Keyword == keyword);
}
