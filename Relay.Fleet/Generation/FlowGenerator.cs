using Google.Protobuf.WellKnownTypes;
using Hubble.Flow;

namespace Relay.Fleet.Generation;

/// <summary>
/// The flows one node observes, in order: several conversations in progress at once, interleaved,
/// each flow stamped with its time and a uuid when it is taken. For a given seed, node index and
/// fleet size the sequence of flow contents is always the same.
/// </summary>
internal sealed class FlowGenerator
{
    private const int ConcurrentConversations = 6;

    // L7 records reach Hubble after the proxy has handled them, so they may carry a slightly older time.
    private const long MaxL7DelayNanos = 5_000_000;

    private readonly Random _random;
    private readonly ConversationPlanner _planner;
    private readonly Queue<Flow>[] _conversations;
    private readonly List<Flow> _scratch = new(32);
    private readonly bool _l7OutOfOrder;
    private readonly byte[] _uuid = new byte[16];

    public FlowGenerator(ClusterModel model, int seed, int nodeIndex, int knownNodes, string nodeName, IReadOnlyList<string> nodeLabels, bool l7OutOfOrder)
    {
        _random = StableRandom.For(seed, 1, nodeIndex);
        _planner = new ConversationPlanner(model, new FlowFactory(nodeName, nodeLabels), nodeIndex, knownNodes, _random);
        _conversations = Enumerable.Range(0, ConcurrentConversations).Select(_ => new Queue<Flow>()).ToArray();
        _l7OutOfOrder = l7OutOfOrder;
    }

    /// <summary>The next flow, stamped <paramref name="unixNanos"/> (L7 records possibly a little earlier when enabled).</summary>
    public Flow Next(long unixNanos) => Next(unixNanos, out _);

    /// <summary>The next flow and the time it was stamped with.</summary>
    public Flow Next(long unixNanos, out long stampedNanos)
    {
        var conversation = _conversations[_random.Next(_conversations.Length)];
        if (conversation.Count == 0)
        {
            _scratch.Clear();
            _planner.Next(_scratch);
            foreach (var planned in _scratch)
            {
                conversation.Enqueue(planned);
            }
        }

        var flow = conversation.Dequeue();
        if (_l7OutOfOrder && flow.Type == FlowType.L7)
        {
            unixNanos -= _random.NextInt64(MaxL7DelayNanos);
        }

        stampedNanos = unixNanos;
        flow.Time = ToTimestamp(unixNanos);
        flow.Uuid = NextUuid();
        return flow;
    }

    public static Timestamp ToTimestamp(long unixNanos) =>
        new() { Seconds = unixNanos / 1_000_000_000, Nanos = (int)(unixNanos % 1_000_000_000) };

    private string NextUuid()
    {
        _random.NextBytes(_uuid);
        _uuid[7] = (byte)(_uuid[7] & 0x0F | 0x40); // version 4 (Guid stores this group little-endian)
        _uuid[8] = (byte)(_uuid[8] & 0x3F | 0x80); // RFC 4122 variant
        return new Guid(_uuid).ToString();
    }
}
