using Hubble.Flow;

namespace Relay.Streams.Filtering;

/// <summary><c>http_header</c>: the flow has a header whose key and value both equal one of the filter's.</summary>
internal sealed class HttpHeaderFilter(HTTPHeader[] headers) : FlowPredicate
{
    public override bool Matches(Flow flow)
    {
        var flowHeaders = flow.L7?.Http?.Headers;
        if (flowHeaders is null)
        {
            return false;
        }

        for (var i = 0; i < flowHeaders.Count; i++)
        {
            var header = flowHeaders[i];
            foreach (var wanted in headers)
            {
                if (wanted.Key == header.Key && wanted.Value == header.Value)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
