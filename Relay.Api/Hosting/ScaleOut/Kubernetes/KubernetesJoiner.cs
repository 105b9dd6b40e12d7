using Akka.Actor;
using Microsoft.Extensions.Logging;
using AkkaCluster = Akka.Cluster.Cluster;

namespace Relay.Api.Hosting.ScaleOut.Kubernetes;

/// <summary>
/// Joins the relay cluster of the relay pods the Kubernetes API lists. It looks every interval until the list holds
/// this pod and at least the required number of pods, and is the same twice in a row; then it joins all of them as
/// seed nodes, in address order. Every pod that sees the same list makes the same choice: the first address founds
/// the cluster if no listed pod is in one yet, and a pod that comes later joins the cluster the others answer from.
/// Errors (no RBAC yet, API unreachable) are logged and retried with backoff up to 30 s.
/// </summary>
internal sealed class KubernetesJoiner : ReceiveActor, IWithTimers
{
    private const string LookTimer = "look";
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly KubernetesPodLister _lister;
    private readonly KubernetesJoinSettings _settings;
    private readonly ILogger _log;
    private readonly AkkaCluster _cluster;
    private readonly CancellationTokenSource _stopping = new();
    private IReadOnlyList<Address> _previous = [];
    private int _failures;

    public KubernetesJoiner(KubernetesPodLister lister, KubernetesJoinSettings settings, ILogger log)
    {
        _lister = lister;
        _settings = settings;
        _log = log;
        _cluster = AkkaCluster.Get(Context.System);

        Receive<Look>(_ => LookNow());
        Receive<Listed>(m => Found(m.Pods));
        Receive<Status.Failure>(m => Failed(m.Cause));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(KubernetesPodLister lister, KubernetesJoinSettings settings, ILogger log) =>
        Akka.Actor.Props.Create(() => new KubernetesJoiner(lister, settings, log));

    protected override void PreStart() => Self.Tell(Look.Instance);

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        _lister.Dispose();
    }

    private void LookNow() =>
        _lister.ListAsync(_settings.Selector, _stopping.Token).PipeTo(Self, success: pods => new Listed(pods));

    private void Found(IReadOnlyList<RelayPod> pods)
    {
        _failures = 0;
        var self = _cluster.SelfAddress;
        var seeds = pods
            .Select(p => new Address(self.Protocol, self.System, p.Ip, p.Port ?? self.Port))
            .Distinct()
            .OrderBy(a => a.ToString(), StringComparer.Ordinal)
            .ToList();
        if (seeds.Count >= _settings.RequiredPods && seeds.Contains(self) && seeds.SequenceEqual(_previous))
        {
            ScaleOutLog.JoiningPods(_log, seeds.Count, string.Join(", ", seeds));
            _cluster.JoinSeedNodes(seeds);
            Context.Stop(Self);
            return;
        }

        if (!seeds.SequenceEqual(_previous))
        {
            ScaleOutLog.PodsFound(_log, seeds.Count, _settings.RequiredPods, seeds.Contains(self), _settings.Selector);
        }

        _previous = seeds;
        Timers.StartSingleTimer(LookTimer, Look.Instance, _settings.Interval);
    }

    private void Failed(Exception error)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        var delay = TimeSpan.FromTicks(Math.Min(_settings.Interval.Ticks << Math.Min(_failures, 10), MaxBackoff.Ticks));
        _failures++;
        ScaleOutLog.PodListFailed(_log, error.Message, delay);
        _previous = [];
        Timers.StartSingleTimer(LookTimer, Look.Instance, delay);
    }

    private sealed record Look
    {
        private Look()
        {
        }

        public static Look Instance { get; } = new();
    }

    private sealed record Listed(IReadOnlyList<RelayPod> Pods);
}
