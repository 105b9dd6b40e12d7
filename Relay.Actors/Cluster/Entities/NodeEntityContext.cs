using Akka.Actor;
using Microsoft.Extensions.Logging;
using Relay.Actors.Nodes;
using Relay.Actors.Peers;

namespace Relay.Actors.Cluster.Entities;

/// <summary>What every node entity of a replica shares.</summary>
/// <param name="Peers">Dialling, checks and backoff, as for a single relay.</param>
/// <param name="Cluster">Lease and re-assert timings.</param>
/// <param name="Connector">Opens node connections.</param>
/// <param name="Board">This replica's node board, told of every change.</param>
/// <param name="Region">The node shard region (resolved when first needed: the region starts after the context).</param>
/// <param name="Handler">Handles the messages an entity does not know; null for none.</param>
/// <param name="Loggers">Loggers.</param>
/// <param name="Time">Stamps state changes.</param>
internal sealed record NodeEntityContext(
    PeerManagerSettings Peers,
    ClusterNodeSettings Cluster,
    INodeConnector Connector,
    IActorRef Board,
    Func<IActorRef> Region,
    NodeMessageHandler? Handler,
    ILoggerFactory Loggers,
    TimeProvider Time);
