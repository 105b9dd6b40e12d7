namespace Relay.Actors.Nodes.Tls;

/// <summary>
/// A TLS handshake with a node or the peer service that failed. An <see cref="IOException"/>, so the gRPC client
/// reports the call as Unavailable (as grpc-go does for a failed handshake) rather than Internal.
/// </summary>
public sealed class NodeTlsException(string message, Exception inner) : IOException(message, inner);
