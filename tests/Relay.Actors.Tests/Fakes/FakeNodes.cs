using Akka.Actor;
using Akka.TestKit;
using Hubble.Observer;

namespace Relay.Actors.Tests.Fakes;

/// <summary>
/// Scripted nodes: every connection opened is told to <see cref="Opened"/>, every ServerStatus call to
/// <see cref="Calls"/> as a <see cref="StatusCall"/> the test answers or fails.
/// </summary>
public sealed class FakeNodes
{
    public FakeNodes(TestProbe opened, TestProbe calls, FakeMisuse misuse)
    {
        Opened = opened;
        Calls = calls;
        Connector = new FakeNodeConnector(misuse)
        {
            OnConnect = (address, tlsServerName) =>
            {
                var client = new FakeNodeClient(misuse);
                client.OnServerStatus = (timeout, ct) =>
                {
                    var call = new StatusCall(address, timeout, ct);
                    calls.Ref.Tell(call);
                    return call.Reply.Task;
                };
                var connection = new FakeNodeConnection(address, tlsServerName, client);
                opened.Ref.Tell(connection);
                return connection;
            },
        };
    }

    public FakeNodeConnector Connector { get; }

    public TestProbe Opened { get; }

    public TestProbe Calls { get; }

    public static ServerStatusResponse Status(string version, ulong numFlows = 10) =>
        new() { Version = version, NumFlows = numFlows, MaxFlows = 4095, SeenFlows = numFlows * 2, UptimeNs = 1_000 };
}

/// <summary>One ServerStatus call waiting for the test's answer.</summary>
public sealed record StatusCall(string Address, TimeSpan Timeout, CancellationToken Ct)
{
    public TaskCompletionSource<ServerStatusResponse> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Answer(ServerStatusResponse status) => Reply.SetResult(status);

    public void Fail(Exception error) => Reply.SetException(error);
}
