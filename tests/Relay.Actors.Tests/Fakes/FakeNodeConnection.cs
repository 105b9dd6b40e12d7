using Relay.Actors.Nodes;

namespace Relay.Actors.Tests.Fakes;

/// <summary>A node connection that remembers where it points and whether it was closed.</summary>
public sealed class FakeNodeConnection(string address, string? tlsServerName, FakeNodeClient client) : INodeConnection
{
    private int _disposed;

    public string Address { get; } = address;

    public string? TlsServerName { get; } = tlsServerName;

    public FakeNodeClient FakeClient { get; } = client;

    public INodeClient Client => FakeClient;

    public bool IsDisposed => Volatile.Read(ref _disposed) == 1;

    public void Dispose() => Interlocked.Exchange(ref _disposed, 1);
}
