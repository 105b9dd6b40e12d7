using System.Diagnostics;
using System.Globalization;

namespace Relay.Benchmarks.E2e;

/// <summary>
/// A relay cluster on loopback: replicas started as separate <c>hubble-relay serve --scale-out</c> processes, the
/// first founding the cluster and the others joining it through it (seed nodes, as a deployment without Kubernetes
/// discovery does), on the rig's fleet. Ready once every replica counts every node connected and the nodes are
/// shared out: each replica owns a fair share (<c>hubble_relay_nodes_owned</c>) and the shares held still for
/// longer than a shard rebalance round.
/// </summary>
internal sealed class ReplicaSet : IDisposable
{
    private const string OwnedMetric = "hubble_relay_nodes_owned";

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    // Longer than the production rebalance interval (10 s in hocon/cluster.hocon): a share that held this long is
    // not being moved.
    private static readonly TimeSpan SettledFor = TimeSpan.FromSeconds(12);

    private readonly List<Target> _replicas;

    private ReplicaSet(List<Target> replicas) => _replicas = replicas;

    public IReadOnlyList<Target> Replicas => _replicas;

    /// <param name="progress">Told how the nodes are shared out once they are.</param>
    public static async Task<ReplicaSet> StartAsync(
        string peerService, int nodes, int count, IReadOnlyDictionary<string, string>? environment, TextWriter progress, CancellationToken ct)
    {
        var replicas = new List<Target>();
        var set = new ReplicaSet(replicas);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var seed = i == 0 ? null : replicas[0].ScaleOutAddress;
                replicas.Add(await Target.StartReplicaAsync($"replica-{i + 1}", peerService, nodes, seed, environment, ct));
            }

            var shares = await set.WaitUntilSharedOutAsync(nodes, ct);
            await progress.WriteLineAsync($"relay cluster of {count} replicas: nodes owned {string.Join(" / ", shares)}");
            return set;
        }
        catch
        {
            set.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var replica in _replicas)
        {
            replica.Dispose();
        }
    }

    /// <summary>Every replica's share, once each is fair and none changed for <see cref="SettledFor"/>.</summary>
    private async Task<IReadOnlyList<int>> WaitUntilSharedOutAsync(int nodes, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        var fair = Math.Max(2, nodes / (2 * _replicas.Count)); // shards, not nodes, are balanced
        IReadOnlyList<int>? last = null;
        var stable = Stopwatch.StartNew();
        while (true)
        {
            var shares = await SharesAsync(ct);
            var balanced = shares.Sum() == nodes && shares.Min() > 0 && shares.Max() - shares.Min() <= fair;
            if (last is null || !shares.SequenceEqual(last))
            {
                last = shares;
                stable.Restart();
            }
            else if (balanced && stable.Elapsed >= SettledFor)
            {
                return shares;
            }

            if (deadline.Elapsed > Patience)
            {
                throw new TimeoutException(string.Create(
                    CultureInfo.InvariantCulture, $"the relay cluster did not share out {nodes} nodes within {Patience}: owned {string.Join(" / ", shares)}"));
            }

            await Task.Delay(PollInterval, ct);
        }
    }

    private async Task<IReadOnlyList<int>> SharesAsync(CancellationToken ct)
    {
        var shares = new List<int>();
        foreach (var replica in _replicas)
        {
            replica.Process.ThrowIfExited();
            shares.Add((int)(await MetricsReading.ValueAsync(replica.MetricsAddress, OwnedMetric, ct) ?? 0));
        }

        return shares;
    }
}
