using Akka.Actor;
using Relay.Actors.Cluster.Serialization;
using Relay.Actors.Cluster.Streams;
using Relay.Api.Hosting;
using Relay.Streams.Wire;

namespace Relay.Api.Tests.Hosting;

/// <summary>The embedded hocon files load and do what the relay relies on.</summary>
public sealed class RelayHoconTests
{
    [Fact]
    public async Task LoadSerialization_OverRelayHocon_BindsCrossReplicaMessagesToRelaySerializers()
    {
        var system = ActorSystem.Create("hocon-test", RelayHocon.LoadSerialization().WithFallback(RelayHocon.Load()));
        try
        {
            Assert.IsType<ProtobufMessageSerializer>(system.Serialization.FindSerializerFor(new OpenNodeFlows()));
            Assert.IsType<RawFlowResponseSerializer>(system.Serialization.FindSerializerFor(RawFlowResponse.Parse([])));
        }
        finally
        {
            await system.Terminate();
        }
    }
}
