using Akka;
using Akka.Streams.Dsl;
using Hubble.Observer;
using Relay.Streams.Wire;

namespace Relay.Streams.Query;

/// <summary>A connected node as a query sees it: a name and a way to open its GetFlows stream.</summary>
/// <param name="Name">The node's name as the peer service reports it.</param>
/// <param name="OpenFlows">Opens the node's GetFlows stream for a request; the call ends when the source is cancelled.</param>
public sealed record QueryNode(string Name, Func<GetFlowsRequest, Source<RawFlowResponse, NotUsed>> OpenFlows);
