namespace Relay.Api.Hosting;

/// <summary>
/// The name the relay stamps on its own status events: <c>K8S_NODE_NAME</c> (set by the Cilium chart from the
/// pod's node), else the host name, as upstream.
/// </summary>
public static class RelayNodeName
{
    public static string Current { get; } =
        Environment.GetEnvironmentVariable("K8S_NODE_NAME") is { Length: > 0 } node ? node : Environment.MachineName;
}
