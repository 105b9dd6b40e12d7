using Akka.Actor;
using Relay.Actors.Peers;

namespace Relay.Actors.Cluster;

/// <summary>
/// Handles a message that reached the shard entity owning a node and that the entity itself does not know (e.g.
/// a request to open the node's flows for another replica). Runs inside the entity: keep it quick.
/// </summary>
/// <param name="message">The message.</param>
/// <param name="node">The node's current entry on its owner, with the owner's client while Connected.</param>
/// <param name="replyTo">The sender, to answer.</param>
/// <returns>False when the message is not for this handler (it is then logged as unhandled).</returns>
public delegate bool NodeMessageHandler(object message, NodeEntry node, IActorRef replyTo);
