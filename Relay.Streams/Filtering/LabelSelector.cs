using Google.Protobuf.Collections;

namespace Relay.Streams.Filtering;

/// <summary>A parsed label selector: every requirement must hold; no requirements select everything.</summary>
internal sealed class LabelSelector(LabelRequirement[] requirements)
{
    public bool Matches(RepeatedField<string> labels)
    {
        foreach (var requirement in requirements)
        {
            if (!requirement.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }
}
