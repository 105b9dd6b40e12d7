using Hubble.Observer;
using Hubble.Peer;

namespace Relay.Actors.Peers;

/// <summary>The messages of <see cref="PeerManager"/> and <see cref="PeerActor"/>.</summary>
internal static class PeerMessages
{
    /// <summary>PeerManager: open a new subscription to the peer service (timer after a failure).</summary>
    internal sealed record Subscribe
    {
        private Subscribe()
        {
        }

        public static Subscribe Instance { get; } = new();
    }

    /// <summary>PeerManager: subscription <paramref name="Subscription"/> delivered <paramref name="Change"/>.</summary>
    internal sealed record Notification(long Subscription, ChangeNotification Change);

    /// <summary>PeerManager: the subscription's stream ended, normally (null) or with <paramref name="Error"/>.</summary>
    internal sealed record StreamEnded(long Subscription, Exception? Error);

    /// <summary>PeerManager: the subscription has been quiet for the settle time: its list is complete.</summary>
    internal sealed record ListSettled(long Subscription);

    /// <summary>PeerManager: a query reported <paramref name="Node"/> failing; forwarded to its PeerActor.</summary>
    internal sealed record ReportFailure(string Node, string Error);

    /// <summary>PeerActor: check the connection now (retry and re-check timers).</summary>
    internal sealed record CheckNow
    {
        private CheckNow()
        {
        }

        public static CheckNow Instance { get; } = new();
    }

    /// <summary>PeerActor: check <paramref name="CheckId"/> got the node's status.</summary>
    internal sealed record CheckSucceeded(long CheckId, ServerStatusResponse Status);

    /// <summary>PeerActor: check <paramref name="CheckId"/> failed.</summary>
    internal sealed record CheckFailed(long CheckId, string Error);

    /// <summary>PeerActor: check <paramref name="CheckId"/> got no answer within the dial timeout.</summary>
    internal sealed record CheckTimedOut(long CheckId);

    /// <summary>PeerActor: a query saw this node fail.</summary>
    internal sealed record FailureReported(string Error);
}
