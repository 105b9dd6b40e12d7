using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Relay.Actors.Cluster.Streams;
using AkkaCluster = Akka.Cluster.Cluster;

namespace Relay.Actors.Tests.Cluster.Streams;

/// <summary>Two cluster members: the caller's view of the owner turns into a token that fires when it is lost.</summary>
public sealed class ReplicaReachabilityTests : IAsyncLifetime
{
    // Nobody is downed here: a crashed member stays one, only unreachable, however long the test takes.
    private static readonly Config NoDowning = ConfigurationFactory.ParseString("akka.cluster.split-brain-resolver.stable-after = 5m")
        .WithFallback(ClusterTestConfig.Load());

    private ActorSystem _caller = null!;
    private ActorSystem _owner = null!;

    private string OwnerAddress => AkkaCluster.Get(_owner).SelfAddress.ToString();

    public async Task InitializeAsync()
    {
        _caller = ActorSystem.Create("hubble-relay", NoDowning);
        _owner = ActorSystem.Create("hubble-relay", NoDowning);
        var first = AkkaCluster.Get(_caller).SelfAddress;
        await AkkaCluster.Get(_caller).JoinAsync(first).WaitAsync(Polling.Patience);
        await AkkaCluster.Get(_owner).JoinAsync(first).WaitAsync(Polling.Patience);
        await Polling.UntilAsync(() => Assert.Equal(2, AkkaCluster.Get(_caller).State.Members.Count(m => m.Status == MemberStatus.Up)));
    }

    public async Task DisposeAsync() => await Task.WhenAll(_caller.Terminate(), _owner.Terminate());

    [Fact]
    public async Task OwnerCrashes_LostFiresOnceItIsUnreachable_BeforeItIsRemoved()
    {
        using var reachability = ReplicaReachability.Start(_caller);
        var owner = OwnerAddress;
        var lost = reachability.Lost(owner);
        Assert.False(lost.IsCancellationRequested);
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lost.Register(() => fired.TrySetResult());

        await _owner.Terminate(); // a crash: no leaving (run-by-actor-system-terminate is off in the test config)

        await fired.Task.WaitAsync(Polling.Patience);
        Assert.Contains(AkkaCluster.Get(_caller).State.Members, m => m.Address.ToString() == owner); // still a member
        Assert.True(reachability.Lost(owner).IsCancellationRequested); // streams opened from now on fail at once
        Assert.False(reachability.Lost(AkkaCluster.Get(_caller).SelfAddress.ToString()).IsCancellationRequested);
    }

    [Fact]
    public void Dispose_FiresEveryToken()
    {
        var reachability = ReplicaReachability.Start(_caller);
        var lost = reachability.Lost(OwnerAddress);

        reachability.Dispose();

        Assert.True(lost.IsCancellationRequested);
        Assert.True(reachability.Lost(OwnerAddress).IsCancellationRequested);
    }
}
