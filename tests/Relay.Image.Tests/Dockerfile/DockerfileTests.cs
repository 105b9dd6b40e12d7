using System.Xml.Linq;
using Relay.Image.Tests.Infrastructure;

namespace Relay.Image.Tests.Dockerfile;

/// <summary>
/// The image's contract, checked in the Dockerfile since no container engine runs here: a drop-in for
/// cilium/hubble-relay (entry point, command, ports, uid), hardened (nonroot, no shell, no package manager),
/// and built by the publish settings the csproj declares.
/// </summary>
public sealed class DockerfileTests
{
    private static readonly DockerfileModel Model = DockerfileModel.Load(RelayLocations.Dockerfile);

    [Fact]
    public void Stages_BuildOnTheSdkAndRunOnAChiseledRuntimeDepsImage()
    {
        Assert.True(Model.Stages.Count >= 2, "the Dockerfile must be multi-stage");
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", Model.Stage("build").BaseImage, StringComparison.Ordinal);
        Assert.Matches("^mcr\\.microsoft\\.com/dotnet/runtime-deps:10\\.0-.*(chiseled|distroless)", Model.Final.BaseImage);
    }

    [Fact]
    public void BuildStage_RunsOnTheBuildPlatformAndPublishesForTheTarget()
    {
        var build = Model.Stage("build");
        Assert.Equal("$BUILDPLATFORM", build.Platform);
        Assert.Contains(build.All("ARG"), a => a.Arguments == "TARGETARCH");
        var publish = Assert.Single(DotnetCommands(build, "publish"));
        Assert.Contains("-a $TARGETARCH", publish.Arguments, StringComparison.Ordinal);
        Assert.Contains(DotnetCommands(build, "restore"), r => r.Arguments.Contains("-a $TARGETARCH", StringComparison.Ordinal));
    }

    [Fact]
    public void FinalStage_HasNoRunInstruction()
    {
        // The base has no shell: a RUN there could not work, and nothing may be installed on top of it.
        Assert.Empty(Model.Final.All("RUN"));
    }

    [Fact]
    public void FinalStage_RunsAsUidAndGid65532()
    {
        Assert.Equal("65532:65532", Model.Final.Last("USER")?.Arguments);
    }

    [Fact]
    public void FinalStage_EntrypointIsUsrBinHubbleRelayAndCommandIsServe()
    {
        Assert.Equal(new[] { "/usr/bin/hubble-relay" }, DockerfileModel.ExecForm(Model.Final.Last("ENTRYPOINT")));
        Assert.Equal(new[] { "serve" }, DockerfileModel.ExecForm(Model.Final.Last("CMD")));
    }

    [Fact]
    public void FinalStage_ExposesTheObserverAndHealthPorts()
    {
        var ports = Model.Final.All("EXPOSE").SelectMany(e => e.Words).ToHashSet();
        Assert.Equal(new[] { "4222", "4245" }, ports.Order());
    }

    [Fact]
    public void FinalStage_CopiesOnlyTheExecutableAndTheConfigFolderFromTheBuildStage()
    {
        var copies = Model.Final.All("COPY").ToList();
        Assert.All(copies, c => Assert.Equal("build", c.Flags.GetValueOrDefault("from")));
        Assert.Contains(copies, c => c.Words.Count == 2 && c.Words[1] == "/usr/bin/hubble-relay");
    }

    [Fact]
    public void FinalStage_CarriesOciLabels()
    {
        var labels = DockerfileModel.Labels(Model.Final);
        foreach (var key in new[] { "title", "description", "version", "revision", "created", "base.name" })
        {
            Assert.True(labels.ContainsKey($"org.opencontainers.image.{key}"), $"label org.opencontainers.image.{key} is missing");
        }

        Assert.Equal("hubble-relay", labels["org.opencontainers.image.title"]);
        Assert.Equal(Model.Final.BaseImage, labels["org.opencontainers.image.base.name"]);
    }

    [Fact]
    public void VersionArgument_MatchesTheRelayProjectVersion()
    {
        var project = XDocument.Load(RelayLocations.RelayProject);
        var version = project.Descendants("Version").Select(v => v.Value).Single();
        Assert.Equal(version, Model.GlobalArgs["VERSION"]);
    }

    [Fact]
    public void PublishSettings_InTheRelayProject_AreOnForANamedRuntime()
    {
        // The Dockerfile's publish names a runtime (-a); these settings must then apply, and only then.
        var project = XDocument.Load(RelayLocations.RelayProject);
        var group = project.Descendants("PropertyGroup")
            .Single(g => (string?)g.Attribute("Condition") == "'$(RuntimeIdentifier)' != ''");
        string? Setting(string name) => group.Element(name)?.Value;
        Assert.Equal("true", Setting("SelfContained"));
        Assert.Equal("true", Setting("PublishSingleFile"));
        Assert.Equal("true", Setting("PublishTrimmed"));
        Assert.Equal("partial", Setting("TrimMode"));
        Assert.Equal("true", Setting("PublishReadyToRun"));
        var roots = project.Descendants("TrimmerRootAssembly").Select(r => (string?)r.Attribute("Include")).ToHashSet();
        Assert.Superset(new HashSet<string?> { "Akka", "Akka.Streams", "Google.Protobuf", "Newtonsoft.Json", "System.Configuration.ConfigurationManager" }, roots);
    }

    [Fact]
    public void Globalization_IsInvariant_SinceTheChiseledBaseHasNoIcu()
    {
        var props = XDocument.Load(RelayLocations.BuildProps);
        Assert.Equal("true", props.Descendants("InvariantGlobalization").Single().Value);
    }

    [Fact]
    public void DockerIgnore_LeavesHostBuildOutputsOutOfTheContext()
    {
        var ignore = DockerIgnore.Load(RelayLocations.DockerIgnore);
        Assert.True(ignore.Excludes("Relay.Api/obj/project.assets.json"));
        Assert.True(ignore.Excludes("protos/bin/Debug/net10.0/Relay.Protos.dll"));
        Assert.False(ignore.Excludes("Relay.Api/Relay.Api.csproj"));
        Assert.False(ignore.Excludes("hocon/relay.hocon"));
    }

    private static IEnumerable<DockerInstruction> DotnetCommands(DockerStage stage, string verb) =>
        stage.All("RUN").Where(r => r.Words.Count > 1 && r.Words[0] == "dotnet" && r.Words[1] == verb);
}
