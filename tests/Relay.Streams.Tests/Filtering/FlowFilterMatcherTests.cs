using Google.Protobuf;
using Google.Protobuf.Reflection;
using Hubble.Flow;
using Relay.Streams.Filtering;
using static Relay.Streams.Tests.Filtering.FilterAssert;

namespace Relay.Streams.Tests.Filtering;

public sealed class FlowFilterMatcherTests
{
    private static readonly Flow Forwarded = new() { Verdict = Verdict.Forwarded, NodeName = "k8s1" };
    private static readonly Flow Dropped = new() { Verdict = Verdict.Dropped, NodeName = "k8s2" };
    private static readonly Flow Audited = new() { Verdict = Verdict.Audit, NodeName = "k8s1" };

    private static FlowFilter Verdicts(params Verdict[] verdicts) => Filter(f => f.Verdict.AddRange(verdicts));

    [Fact]
    public void All_AnyFlow_Passes()
    {
        Assert.True(FlowFilterMatcher.All.IsEmpty);
        Assert.True(FlowFilterMatcher.All.Matches(Dropped));
    }

    [Fact]
    public void Compile_NoFilters_ReturnsAll()
    {
        Assert.Same(FlowFilterMatcher.All, FlowFilterMatcher.Compile([], []));
    }

    [Fact]
    public void Compile_SomeFilter_IsNotEmpty()
    {
        Assert.False(FlowFilterMatcher.Compile([Verdicts(Verdict.Dropped)], []).IsEmpty);
    }

    [Fact]
    public void Whitelist_AnyFilterMatches_Passes()
    {
        var matcher = FlowFilterMatcher.Compile([Verdicts(Verdict.Forwarded), Verdicts(Verdict.Dropped)], []);

        Assert.True(matcher.Matches(Forwarded));
        Assert.True(matcher.Matches(Dropped));
        Assert.False(matcher.Matches(Audited));
    }

    [Fact]
    public void Blacklist_AnyFilterMatches_Rejects()
    {
        var matcher = FlowFilterMatcher.Compile([], [Verdicts(Verdict.Forwarded), Verdicts(Verdict.Audit)]);

        Assert.False(matcher.Matches(Forwarded));
        Assert.False(matcher.Matches(Audited));
        Assert.True(matcher.Matches(Dropped));
    }

    [Fact]
    public void WhitelistAndBlacklist_FlowMustPassBoth()
    {
        var whitelist = Filter(f => f.NodeName.Add("k8s1"));
        var matcher = FlowFilterMatcher.Compile([whitelist], [Verdicts(Verdict.Audit)]);

        Assert.True(matcher.Matches(Forwarded));
        Assert.False(matcher.Matches(Audited));
        Assert.False(matcher.Matches(Dropped));
    }

    [Fact]
    public void FieldsWithinOneFilter_AllMustMatch()
    {
        var filter = Filter(f =>
        {
            f.Verdict.Add(Verdict.Forwarded);
            f.NodeName.Add("k8s1");
        });

        Assert.True(Passes(filter, Forwarded));
        Assert.False(Passes(filter, Audited));
        Assert.False(Passes(filter, Dropped));
    }

    [Fact]
    public void ValuesWithinOneField_AnyMayMatch()
    {
        var filter = Verdicts(Verdict.Forwarded, Verdict.Audit);

        Assert.True(Passes(filter, Forwarded));
        Assert.True(Passes(filter, Audited));
        Assert.False(Passes(filter, Dropped));
    }

    [Fact]
    public void EmptyFilter_InWhitelist_MatchesEveryFlow()
    {
        Assert.True(Passes(new FlowFilter(), Dropped));
    }

    [Fact]
    public void EmptyFilter_InBlacklist_RejectsEveryFlow()
    {
        Assert.False(FlowFilterMatcher.Compile([], [new FlowFilter()]).Matches(Forwarded));
    }

    [Fact]
    public void Experimental_CelExpression_IsRejectedWithItsFieldName()
    {
        var filter = Filter(f => f.Experimental = new FlowFilter.Types.Experimental { CelExpression = { "true" } });

        Assert.Equal("experimental", Rejects(filter).Field);
    }

    [Fact]
    public void Experimental_Empty_IsNoCondition()
    {
        var filter = Filter(f => f.Experimental = new FlowFilter.Types.Experimental());

        Assert.True(Passes(filter, Dropped));
    }

    [Fact]
    public void UnsupportedFieldInBlacklist_IsRejectedToo()
    {
        var filter = Filter(f => f.Experimental = new FlowFilter.Types.Experimental { CelExpression = { "true" } });

        var error = Assert.Throws<UnsupportedFilterException>(() => FlowFilterMatcher.Compile([], [filter]));
        Assert.Equal("experimental", error.Field);
    }

    [Fact]
    public void UnknownWireField_FromNewerClient_IsRejected()
    {
        // Field 900 of type string, as a newer proto might add; this build parses it as an unknown field.
        var bytes = new byte[] { 0xA2, 0x38, 0x01, (byte)'x' };
        var filter = FlowFilter.Parser.ParseFrom(bytes);

        Assert.Equal("field_900", Rejects(filter).Field);
    }

    [Fact]
    public void UnknownWireField_InsideKnownField_NamesTheKnownField()
    {
        // event_type { field 9: varint 1 }
        var nested = new byte[] { 0x48, 0x01 };
        var bytes = new byte[] { 0x32, (byte)nested.Length }.Concat(nested).ToArray();
        var filter = FlowFilter.Parser.ParseFrom(bytes);

        Assert.Equal("event_type", Rejects(filter).Field);
    }

    [Fact]
    public void EveryDescriptorField_EitherConstrainsTheFlowOrIsRejected()
    {
        // Guards the generic rejection: each field of flow.proto's FlowFilter, once set, must either be refused
        // with its name or actually filter (an empty flow then fails it); never be ignored silently.
        foreach (var field in FlowFilter.Descriptor.Fields.InFieldNumberOrder())
        {
            var filter = new FlowFilter();
            SetSomething(field, filter);

            FlowFilterMatcher matcher;
            try
            {
                matcher = FlowFilterMatcher.Compile([filter], []);
            }
            catch (UnsupportedFilterException e)
            {
                Assert.Equal(field.Name, e.Field);
                continue;
            }

            Assert.False(matcher.Matches(new Flow()), $"{field.Name} was set but did not filter");
        }
    }

    [Fact]
    public void Catalog_CoversEveryFieldExceptExperimental()
    {
        var unsupported = FlowFilter.Descriptor.Fields.InFieldNumberOrder()
            .Where(field => !FilterFieldCatalog.Supports(field.FieldNumber))
            .Select(field => field.Name);

        Assert.Equal(["experimental"], unsupported);
    }

    [Fact]
    public void Compile_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => FlowFilterMatcher.Compile(null!, []));
        Assert.Throws<ArgumentNullException>(() => FlowFilterMatcher.Compile([], null!));
    }

    private static void SetSomething(FieldDescriptor field, IMessage message)
    {
        object value = field.FieldType switch
        {
            FieldType.String => "x",
            FieldType.Bool => true,
            FieldType.Enum => Enum.ToObject(field.EnumType.ClrType, 1),
            FieldType.UInt32 => 1u,
            FieldType.UInt64 => 1ul,
            FieldType.Int32 => 1,
            FieldType.Message => SomeMessage(field.MessageType.ClrType, nonEmpty: !field.IsRepeated),
            _ => throw new NotSupportedException(field.FieldType.ToString()),
        };
        if (field.IsRepeated)
        {
            ((System.Collections.IList)field.Accessor.GetValue(message)).Add(value);
        }
        else
        {
            field.Accessor.SetValue(message, value);
        }
    }

    private static IMessage SomeMessage(Type type, bool nonEmpty)
    {
        var message = (IMessage)Activator.CreateInstance(type)!;
        if (nonEmpty)
        {
            SetSomething(message.Descriptor.Fields.InFieldNumberOrder()[0], message);
        }

        return message;
    }
}
