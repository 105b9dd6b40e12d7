using Hubble.Flow;

namespace Relay.Streams.Filtering;

/// <summary>
/// <c>reply</c>: the flow's <c>is_reply</c> equals one of the values. Flows that do not know (no
/// <c>is_reply</c>) never match, except dropped ones, which count as non-replies (Hubble keeps this for older
/// clients that filtered on the deprecated <c>reply</c> field).
/// </summary>
internal sealed class ReplyFilter(bool[] values) : FlowPredicate
{
    public override bool Matches(Flow flow)
    {
        var isReply = flow.IsReply;
        if (isReply is null && flow.Verdict != Verdict.Dropped)
        {
            return false;
        }

        var reply = isReply ?? false;
        foreach (var value in values)
        {
            if (value == reply)
            {
                return true;
            }
        }

        return false;
    }
}
