namespace Relay.Api.Hosting.ScaleOut.Kubernetes;

/// <summary>How <see cref="KubernetesJoiner"/> looks for the relay pods.</summary>
/// <param name="Selector">The relay pods' label selector (<c>--scale-out-kubernetes-selector</c>).</param>
/// <param name="RequiredPods">Pods to find before joining (<c>--scale-out-kubernetes-required-pods</c>).</param>
/// <param name="Interval">Between two looks; the list must stay the same for one interval.</param>
internal sealed record KubernetesJoinSettings(string Selector, int RequiredPods, TimeSpan Interval);
