using Akka.Cluster;
using Relay.Actors.Peers;

namespace Relay.Actors.Cluster.Board;

/// <summary>
/// What one replica says about a node it owns. <see cref="Entry"/> carries the node client only when the owner is
/// this replica.
/// </summary>
/// <param name="Owner">The owning replica.</param>
/// <param name="Entry">The node's state as its owner sees it.</param>
/// <param name="OwnedSince">When the owner took the node, on the owner's clock.</param>
/// <param name="Claim">Which of the owner's claims on the node this is.</param>
internal sealed record OwnerReport(UniqueAddress Owner, NodeEntry Entry, DateTimeOffset OwnedSince, long Claim);
