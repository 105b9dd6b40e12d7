namespace Relay.Api.Hosting.ScaleOut.Kubernetes;

/// <summary>A running relay pod as the Kubernetes API lists it.</summary>
/// <param name="Name">The pod's name.</param>
/// <param name="Ip">Its IP, which the other replicas dial.</param>
/// <param name="Port">Its container port named <c>scale-out</c>, if it declares one; else replicas share one port.</param>
internal sealed record RelayPod(string Name, string Ip, int? Port);
