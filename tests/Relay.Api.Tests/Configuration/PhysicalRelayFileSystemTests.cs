using Relay.Api.Configuration;

namespace Relay.Api.Tests.Configuration;

/// <summary>The real file system, on a temporary directory.</summary>
public sealed class PhysicalRelayFileSystemTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("relay-config-").FullName;
    private readonly PhysicalRelayFileSystem _files = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ReadAllText_ExistingFile_ReturnsTheText()
    {
        var path = Path.Combine(_dir, "config.yaml");
        File.WriteAllText(path, "cluster-name: a\n");

        Assert.Equal(FileAccessResult.Readable("cluster-name: a\n"), _files.ReadAllText(path));
        Assert.Equal(FileAccessStatus.Readable, _files.Probe(path).Status);
    }

    [Fact]
    public void Probe_MissingFile_IsMissing()
    {
        Assert.Equal(FileAccessResult.Missing, _files.Probe(Path.Combine(_dir, "absent.crt")));
    }

    [Fact]
    public void Probe_Directory_IsUnreadable()
    {
        var probe = _files.Probe(_dir);
        Assert.Equal(FileAccessStatus.Unreadable, probe.Status);
        Assert.Equal("is a directory", probe.Problem);
    }

    [Fact]
    public void Probe_SymlinkToAFile_FollowsItAsKubernetesMountsDo()
    {
        var target = Path.Combine(_dir, "..data-server.crt");
        File.WriteAllText(target, "pem");
        var link = Path.Combine(_dir, "server.crt");
        File.CreateSymbolicLink(link, target);

        Assert.Equal(FileAccessStatus.Readable, _files.Probe(link).Status);
    }

    [Fact]
    public void Load_RealFiles_ValidatesAgainstTheDisk()
    {
        var cert = Path.Combine(_dir, "server.crt");
        var key = Path.Combine(_dir, "server.key");
        File.WriteAllText(cert, "pem");
        var config = Path.Combine(_dir, "config.yaml");
        File.WriteAllText(config, $"disable-client-tls: true\ntls-relay-server-cert-file: {cert}\ntls-relay-server-key-file: {key}\n");

        var result = RelayOptionsLoader.Load(["--config", config], new Dictionary<string, string>(), _files);

        var error = Assert.Single(result.Errors);
        Assert.Equal("tls-relay-server-key-file", error.Key);
        Assert.Contains($"\"{key}\" does not exist", error.Message);
    }
}
