using System.Collections.Concurrent;
using Xunit.Sdk;

namespace Relay.Actors.Tests.Fakes;

/// <summary>
/// Records calls to fake members a test did not set up. The actors swallow exceptions by design, so an unset
/// member both throws and is recorded here, and the test base fails the test when it is disposed.
/// </summary>
public sealed class FakeMisuse
{
    private readonly ConcurrentQueue<string> _members = new();

    public InvalidOperationException Unset(string member)
    {
        _members.Enqueue(member);
        return new InvalidOperationException($"The test did not set {member}.");
    }

    public void Verify()
    {
        if (!_members.IsEmpty)
        {
            throw new XunitException("Fakes were called without being set up: " + string.Join(", ", _members.Distinct()));
        }
    }
}
