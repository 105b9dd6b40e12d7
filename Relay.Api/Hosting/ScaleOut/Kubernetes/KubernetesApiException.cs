namespace Relay.Api.Hosting.ScaleOut.Kubernetes;

/// <summary>Listing the relay pods through the Kubernetes API failed; the message says why and what to check.</summary>
public sealed class KubernetesApiException : Exception
{
    public KubernetesApiException()
    {
    }

    public KubernetesApiException(string message)
        : base(message)
    {
    }

    public KubernetesApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
