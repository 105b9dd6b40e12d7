using Relay.Protos.Tests.Contract;

namespace Relay.Protos.Tests;

/// <summary>Our generated descriptors must state exactly the facts recorded from the upstream reference protos.</summary>
public sealed class WireContractTests
{
    [Fact]
    public void OurDescriptors_ComparedWithReferenceFixture_HaveIdenticalFacts()
    {
        var diff = FactDiff.Compare(WireContractFixture.Load(), OurContract.Facts());

        Assert.True(diff.IsEmpty, diff.Describe());
    }

    [Fact]
    public void OurDescriptors_Facts_AreUniqueSoSetComparisonLosesNothing()
    {
        var facts = OurContract.Facts();

        Assert.Equal(facts.Count, facts.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("file\tflow/flow.proto\tpackage\tflow")]
    [InlineData("file\tobserver/observer.proto\timport\tflow/flow.proto\tpublic")]
    [InlineData("message\tflow.Flow\tfield\ttime\t1\tTYPE_MESSAGE\t.google.protobuf.Timestamp\tLABEL_OPTIONAL\t-")]
    [InlineData("message\tflow.Flow\tfield\tis_reply\t26\tTYPE_MESSAGE\t.google.protobuf.BoolValue\tLABEL_OPTIONAL\t-")]
    [InlineData("message\tflow.Layer4\tfield\tTCP\t1\tTYPE_MESSAGE\t.flow.TCP\tLABEL_OPTIONAL\toneof=protocol")]
    [InlineData("message\tobserver.GetFlowsResponse\tfield\tflow\t1\tTYPE_MESSAGE\t.flow.Flow\tLABEL_OPTIONAL\toneof=response_types")]
    [InlineData("message\tobserver.GetFlowsResponse\tfield\tnode_name\t1000\tTYPE_STRING\t-\tLABEL_OPTIONAL\t-")]
    [InlineData("message\tobserver.GetFlowsResponse\tfield\ttime\t1001\tTYPE_MESSAGE\t.google.protobuf.Timestamp\tLABEL_OPTIONAL\t-")]
    [InlineData("enum\tflow.Verdict\tvalue\tDROPPED\t2")]
    [InlineData("service\tobserver.Observer\tmethod\tGetFlows\t.observer.GetFlowsRequest\t.observer.GetFlowsResponse\tclient_streaming=false\tserver_streaming=true")]
    [InlineData("service\tpeer.Peer\tmethod\tNotify\t.peer.NotifyRequest\t.peer.ChangeNotification\tclient_streaming=false\tserver_streaming=true")]
    public void ReferenceFixture_KnownFact_IsPresent(string fact)
    {
        Assert.Contains(fact, WireContractFixture.Load());
    }

    [Fact]
    public void ReferenceFixture_Size_CoversAllFourFilesAndHundredsOfFacts()
    {
        var facts = WireContractFixture.Load();

        Assert.InRange(facts.Count, 500, 5000);
        Assert.Equal(
            ["flow/flow.proto", "observer/observer.proto", "peer/peer.proto", "relay/relay.proto"],
            facts.Where(f => f.Contains("\tpackage\t", StringComparison.Ordinal)).Select(f => f.Split('\t')[1]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void OurDescriptors_WithRenumberedField_AreReportedAsChanged()
    {
        var files = OurContract.Files.Select(f => f.ToProto()).ToList();
        files[0].MessageType.Single(m => m.Name == "Flow").Field.Single(f => f.Name == "time").Number = 99;

        var diff = FactDiff.Compare(OurContract.Facts(), WireContractFacts.From(files));

        var (expected, actual) = Assert.Single(diff.Changed);
        Assert.Contains("\ttime\t1\t", expected, StringComparison.Ordinal);
        Assert.Contains("\ttime\t99\t", actual, StringComparison.Ordinal);
        Assert.Empty(diff.Missing);
        Assert.Empty(diff.Extra);
        Assert.Contains("changed: message flow.Flow field time 1 ", diff.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void OurDescriptors_WithRemovedEnumValueAndAddedMessage_AreReportedAsMissingAndExtra()
    {
        var files = OurContract.Files.Select(f => f.ToProto()).ToList();
        var verdict = files[0].EnumType.Single(e => e.Name == "Verdict");
        verdict.Value.Remove(verdict.Value.Single(v => v.Name == "AUDIT"));
        files[3].MessageType.Add(new Google.Protobuf.Reflection.DescriptorProto { Name = "Unexpected" });

        var diff = FactDiff.Compare(OurContract.Facts(), WireContractFacts.From(files));

        Assert.Equal("enum\tflow.Verdict\tvalue\tAUDIT\t4", Assert.Single(diff.Missing));
        Assert.Equal("message\trelay.Unexpected\tdefined\t-", Assert.Single(diff.Extra));
        Assert.Empty(diff.Changed);
    }
}
