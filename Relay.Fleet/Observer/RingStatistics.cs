using Hubble.Observer;
using Relay.Fleet.Ring;

namespace Relay.Fleet.Observer;

/// <summary>Figures a Hubble node derives from its ring: the recent flow rate and the namespaces seen.</summary>
internal static class RingStatistics
{
    private const long Minute = 60_000_000_000;

    /// <summary>
    /// Flows per second over the last minute; when the ring holds less than a minute, over the span it
    /// holds (from its oldest flow), as Hubble computes it.
    /// </summary>
    public static double FlowRate(EventRing<GetFlowsResponse> ring, long nowNanos)
    {
        var since = nowNanos - Minute;
        var count = 0;
        long oldestSeen = 0;
        var reachedOldest = true;
        for (var sequence = ring.Written - 1; sequence >= ring.Oldest; sequence--)
        {
            if (ring.TryRead(sequence, out var nanos, out _) != RingRead.Ok)
            {
                break;
            }

            if (nanos < since)
            {
                reachedOldest = false;
                break;
            }

            oldestSeen = nanos;
            count++;
        }

        if (reachedOldest && count > 0 && ring.Count == ring.Capacity)
        {
            since = oldestSeen;
        }

        var seconds = (nowNanos - since) / 1e9;
        return seconds > 0 ? count / seconds : 0;
    }

    /// <summary>Namespaces of the flows' sources and destinations, sorted.</summary>
    public static IReadOnlyList<string> Namespaces(EventRing<GetFlowsResponse> ring)
    {
        var namespaces = new SortedSet<string>(StringComparer.Ordinal);
        var cursor = new RingCursor<GetFlowsResponse>(ring, new RingQuery(First: true));
        CursorStep step;
        while ((step = cursor.Next()) != CursorStep.End)
        {
            if (step != CursorStep.Item)
            {
                continue;
            }

            var flow = cursor.Current!.Flow;
            Add(flow.Source?.Namespace);
            Add(flow.Destination?.Namespace);
        }

        return namespaces.ToArray();

        void Add(string? ns)
        {
            if (!string.IsNullOrEmpty(ns))
            {
                namespaces.Add(ns);
            }
        }
    }
}
