using Relay.Actors.Nodes;

namespace Relay.Actors.Tests.Fakes;

/// <summary>An <see cref="INodeConnector"/> made of a function field; unset, it fails the test.</summary>
public sealed class FakeNodeConnector(FakeMisuse misuse) : INodeConnector
{
    public Func<string, string?, INodeConnection>? OnConnect { get; set; }

    public INodeConnection Connect(string address, string? tlsServerName) =>
        (OnConnect ?? throw misuse.Unset(nameof(OnConnect)))(address, tlsServerName);
}
