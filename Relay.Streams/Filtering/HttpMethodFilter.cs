using Hubble.Flow;

namespace Relay.Streams.Filtering;

/// <summary><c>http_method</c>: the request method equals one of the methods, ignoring case.</summary>
internal sealed class HttpMethodFilter(string[] methods) : FlowPredicate
{
    public override bool Matches(Flow flow)
    {
        var method = flow.L7?.Http?.Method;
        if (string.IsNullOrEmpty(method))
        {
            return false;
        }

        foreach (var candidate in methods)
        {
            if (string.Equals(method, candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
