using System.Globalization;
using Relay.Image.Tests.Dockerfile;
using Relay.Image.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Relay.Image.Tests.Deploy;

/// <summary>
/// <c>deploy/helm/values.yaml</c> agrees with the image: the chart runs the relay as the Dockerfile's user, on the
/// overridden image, with a shutdown grace the pod's termination grace leaves room for.
/// </summary>
public sealed class HelmValuesTests
{
    private static readonly YamlMappingNode Relay = (YamlMappingNode)Load()["hubble"]["relay"];

    [Fact]
    public void SecurityContext_RunsAsTheImagesNonRootUserWithNothingWritableOrPrivileged()
    {
        var (uid, gid) = ImageUser();
        var context = Relay["securityContext"];
        Assert.Equal("true", Scalar(context, "runAsNonRoot"));
        Assert.Equal(uid, Scalar(context, "runAsUser"));
        Assert.Equal(gid, Scalar(context, "runAsGroup"));
        Assert.Equal("true", Scalar(context, "readOnlyRootFilesystem"));
        Assert.Equal("false", Scalar(context, "allowPrivilegeEscalation"));
        Assert.Contains("ALL", ((YamlSequenceNode)context["capabilities"]["drop"]).Children.Select(c => c.ToString()));
        Assert.Equal(gid, Scalar(Relay["podSecurityContext"], "fsGroup"));
    }

    [Fact]
    public void Image_IsOverriddenWithoutDigest()
    {
        var image = Relay["image"];
        Assert.Contains("hubble-relay:", Scalar(image, "override"), StringComparison.Ordinal);
        Assert.Equal("false", Scalar(image, "useDigest"));
    }

    [Fact]
    public void ShutdownGrace_FitsInsideThePodsTerminationGrace()
    {
        var podGrace = TimeSpan.FromSeconds(int.Parse(Scalar(Relay, "terminationGracePeriodSeconds"), CultureInfo.InvariantCulture));
        var env = ((YamlSequenceNode)Relay["extraEnv"]).Children.Cast<YamlMappingNode>()
            .Single(e => Scalar(e, "name") == "RELAY_SHUTDOWN_GRACE_PERIOD");
        var relayGrace = Duration(Scalar(env, "value"));
        Assert.True(relayGrace < podGrace, $"relay grace {relayGrace} must stay under the pod's {podGrace}");
    }

    [Fact]
    public void Tls_UsesTheChartsNames()
    {
        var hubble = Load()["hubble"];
        Assert.Equal("true", Scalar(hubble["tls"], "enabled"));
        Assert.NotNull(Scalar(Relay["tls"]["server"], "enabled"));
    }

    private static YamlMappingNode Load()
    {
        using var reader = new StreamReader(RelayLocations.HelmValues);
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Scalar(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node)[key]).Value ?? string.Empty;

    /// <summary>The uid and gid of the Dockerfile's final USER.</summary>
    private static (string Uid, string Gid) ImageUser()
    {
        var user = DockerfileModel.Load(RelayLocations.Dockerfile).Final.Last("USER")!.Arguments.Split(':');
        return (user[0], user[1]);
    }

    /// <summary>A Go duration as this file writes them: a number with ms or s.</summary>
    private static TimeSpan Duration(string text) => text.EndsWith("ms", StringComparison.Ordinal)
        ? TimeSpan.FromMilliseconds(double.Parse(text[..^2], CultureInfo.InvariantCulture))
        : TimeSpan.FromSeconds(double.Parse(text.TrimEnd('s'), CultureInfo.InvariantCulture));
}
