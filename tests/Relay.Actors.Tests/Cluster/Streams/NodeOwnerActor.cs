using Akka;
using Akka.Actor;
using Relay.Actors.Cluster;
using Relay.Actors.Cluster.Streams;
using Relay.Actors.Peers;

namespace Relay.Actors.Tests.Cluster.Streams;

/// <summary>
/// Stands in for a node's shard entity on the owner replica: keeps its view of each node it owns and hands node
/// stream messages to a <see cref="NodeStreamHost"/>, as the entity does.
/// </summary>
internal sealed class NodeOwnerActor : ReceiveActor
{
    private readonly NodeStreamHost _host;
    private readonly Dictionary<string, NodeEntry> _nodes = new(StringComparer.Ordinal);

    public NodeOwnerActor(NodeStreamHost host)
    {
        _host = host;
        Receive<SetNode>(set =>
        {
            _nodes[set.Node.Name] = set.Node;
            Sender.Tell(Done.Instance);
        });
        Receive<object>(NodeStreamHost.Handles, message =>
        {
            var name = ((INodeAddressed)message).NodeName;
            var node = _nodes.GetValueOrDefault(name) ?? new NodeEntry(name, "", null, NodeState.Gone, DateTimeOffset.UnixEpoch);
            _host.Handle(message, node, Sender);
        });
    }

    public static Props Props(NodeStreamHost host) => Akka.Actor.Props.Create(() => new NodeOwnerActor(host));

    protected override void PostStop() => _host.Dispose();

    /// <summary>The owner's view of a node changed.</summary>
    public sealed record SetNode(NodeEntry Node);
}
