using Google.Protobuf;
using Hubble.Observer;
using Relay.Actors.Cluster;
using Relay.Actors.Cluster.Ownership;
using Relay.Actors.Peers;

namespace Relay.Actors.Tests.Cluster;

/// <summary>What crosses replicas: node reports keep every field the directories list; routing is by node name.</summary>
public sealed class OwnershipWireTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(NodeState.Connecting, null)]
    [InlineData(NodeState.Connected, "a.test.hubble-grpc.cilium.io")]
    [InlineData(NodeState.Unavailable, "a.test.hubble-grpc.cilium.io")]
    public void NodeReport_RoundTrip_KeepsTheEntryWithoutItsClient(NodeState state, string? tlsName)
    {
        var entry = new NodeEntry("test/a", "10.1.0.1:4244", tlsName, state, T0.AddTicks(1234))
        {
            LastStatus = new ServerStatusResponse { Version = "v1.19.0", NumFlows = 7, MaxFlows = 4095 },
            LastError = state == NodeState.Unavailable ? "connection refused" : null,
            ConsecutiveFailures = 3,
        };

        var report = NodeReport.Parser.ParseFrom(entry.ToReport(T0, claim: 42).ToByteArray());

        Assert.Equal(entry, report.ToEntry());
        Assert.Equal((T0, 42L), (OwnershipWire.FromNanos(report.OwnedSinceUnixNanos), report.Claim));
    }

    [Fact]
    public void PeerServiceStatus_RoundTrip_Kept()
    {
        var status = new PeerServiceStatus("hubble-peer:443", PeerServiceState.Unavailable, 4, "connection refused");

        Assert.Equal(status, PeerServiceReport.Parser.ParseFrom(status.ToWire().ToByteArray()).ToStatus());
    }

    [Fact]
    public void Extractor_NodeAddressedMessages_EntityIsTheNodeAndTheShardStable()
    {
        var extractor = new NodeShardExtractor(100);
        var own = new OwnNode { Node = new PeerNode { Name = "test/a", Address = "10.1.0.1:4244" } };
        var release = new ReleaseNode { NodeName = "test/a" };
        var failure = new ReportNodeFailure { NodeName = "test/a", Error = "reset" };

        object[] messages = [own, release, failure];

        Assert.All(messages, m => Assert.Equal("test/a", extractor.EntityId(m)));
        var shard = Assert.Single(messages.Select(m => extractor.ShardId(extractor.EntityId(m)!, m)).Distinct());
        Assert.InRange(int.Parse(shard, System.Globalization.CultureInfo.InvariantCulture), 0, 99);
        Assert.Equal(shard, new NodeShardExtractor(100).ShardId("test/a", null)); // the same on every replica
        Assert.Same(own, extractor.EntityMessage(own));
    }

    [Fact]
    public void Extractor_OtherMessagesAndEmptyNames_NotRouted()
    {
        var extractor = new NodeShardExtractor(100);

        Assert.Null(extractor.EntityId("hello"));
        Assert.Null(extractor.EntityId(new ReleaseNode()));
    }

    [Fact]
    public void ClusterNodeSettings_Invalid_EveryProblemListed()
    {
        var errors = new ClusterNodeSettings
        {
            NumberOfShards = 0,
            ReassertInterval = TimeSpan.FromSeconds(10),
            OwnershipLease = TimeSpan.FromSeconds(5),
            BoardSyncInterval = TimeSpan.Zero,
        }.Validate();

        Assert.Equal(3, errors.Count);
        Assert.Empty(new ClusterNodeSettings().Validate());
    }
}
