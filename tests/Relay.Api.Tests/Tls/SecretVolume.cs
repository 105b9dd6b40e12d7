using System.Runtime.InteropServices;

namespace Relay.Api.Tests.Tls;

/// <summary>
/// A directory laid out like a mounted Kubernetes secret: each key is a symlink <c>key -&gt; ..data/key</c>,
/// <c>..data</c> a symlink to a timestamped directory. Publishing new content writes a new directory and swaps
/// <c>..data</c> atomically (rename over it), exactly as the kubelet rotates a secret.
/// </summary>
internal sealed class SecretVolume
{
    private const string Data = "..data";
    private int _version;

    public SecretVolume(string path, IReadOnlyDictionary<string, string> files)
    {
        Path = path;
        Directory.CreateDirectory(path);
        System.IO.File.CreateSymbolicLink(Combine(Data), WriteVersion(files));
        foreach (var name in files.Keys)
        {
            System.IO.File.CreateSymbolicLink(Combine(name), $"{Data}/{name}");
        }
    }

    public string Path { get; }

    /// <summary>The path a relay is configured with for <paramref name="name"/> (the symlink).</summary>
    public string File(string name) => Combine(name);

    /// <summary>Replaces every file at once; the keys must stay the same.</summary>
    public void Publish(IReadOnlyDictionary<string, string> files)
    {
        var staged = Combine("..data_tmp");
        System.IO.File.CreateSymbolicLink(staged, WriteVersion(files));
        if (Rename(staged, Combine(Data)) != 0)
        {
            throw new IOException($"rename over {Data} failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    private string WriteVersion(IReadOnlyDictionary<string, string> files)
    {
        var name = $"..2025_01_01_00_00_{++_version:D2}.{Guid.NewGuid():N}";
        Directory.CreateDirectory(Combine(name));
        foreach (var (key, text) in files)
        {
            System.IO.File.WriteAllText(System.IO.Path.Combine(Combine(name), key), text);
        }

        return name;
    }

    private string Combine(string name) => System.IO.Path.Combine(Path, name);

    // .NET's File.Move refuses a symlink to a directory; rename(2) replaces the link atomically, as the kubelet does.
    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int Rename([MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);
}
