using Akka.Actor;
using Relay.Actors.Cluster;
using Relay.Actors.Peers;
using AkkaCluster = Akka.Cluster.Cluster;

namespace Relay.Actors.Tests.Cluster;

/// <summary>One relay replica of a test cluster: its actor system and its cluster directory.</summary>
internal sealed class Replica(string name, ActorSystem system, ClusterPeerDirectory directory)
{
    public string Name => name;

    public ActorSystem System => system;

    public ClusterPeerDirectory Directory => directory;

    /// <summary>Its cluster address, as <see cref="NodeEntry.Owner"/> names it.</summary>
    public string Address { get; } = AkkaCluster.Get(system).SelfAddress.ToString();

    public bool IsTerminated => system.WhenTerminated.IsCompleted;

    /// <summary>The nodes this replica lists, by name.</summary>
    public Dictionary<string, NodeEntry> NodesByName() => directory.Nodes.ToDictionary(n => n.Name);

    public override string ToString() => $"{name} ({Address})";
}
