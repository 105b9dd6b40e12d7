using Akka.Actor;
using Relay.Actors.Peers;
using static Relay.Actors.Cluster.Entities.NodeEntityMessages;

namespace Relay.Actors.Cluster.Entities;

/// <summary>
/// Keeps the entry of a node owned by a shard entity: the entity's peer actor writes it, the entity hears of every
/// change (tagged with its claim, so a replaced peer actor's late writes are told apart).
/// </summary>
internal sealed class EntityNodeSink(IActorRef entity, long claim, NodeEntry initial, TimeProvider time) : INodeStateSink
{
    private readonly object _gate = new();
    private NodeEntry _current = initial;

    public void Update(Func<NodeEntry, NodeEntry> change)
    {
        // Under the lock so that changes reach the entity in the order they were made, even across restarts.
        lock (_gate)
        {
            var updated = change(_current);
            if (updated.State != _current.State)
            {
                updated = updated with { StateSince = time.GetUtcNow() };
            }

            if (updated == _current)
            {
                return;
            }

            _current = updated;
            entity.Tell(new NodeChanged(claim, updated));
        }
    }
}
