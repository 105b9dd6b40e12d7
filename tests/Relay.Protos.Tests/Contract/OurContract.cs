using Google.Protobuf.Reflection;

namespace Relay.Protos.Tests.Contract;

/// <summary>The proto files compiled into Relay.Protos, as protoc handed them to the C# generator.</summary>
internal static class OurContract
{
    /// <summary>Our four files in the order the fixture lists them.</summary>
    public static IReadOnlyList<FileDescriptor> Files { get; } =
    [
        Hubble.Flow.FlowReflection.Descriptor,
        Hubble.Observer.ObserverReflection.Descriptor,
        Hubble.Peer.PeerReflection.Descriptor,
        Hubble.Relay.RelayReflection.Descriptor,
    ];

    /// <summary>Facts of our generated code's descriptors.</summary>
    public static IReadOnlyList<string> Facts() => WireContractFacts.From(Files.Select(f => f.ToProto()));
}
