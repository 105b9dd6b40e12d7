using Grpc.Core;
using Prometheus;

namespace Relay.Api.Metrics;

/// <summary>The <c>grpc_server_*</c> series of one method, looked up once so a call costs no label lookups.</summary>
internal sealed class GrpcMethodMetrics
{
    private readonly Func<string, ICounter> _handledFor;
    private readonly ICounter?[] _handled = new ICounter?[GrpcCodeNames.All.Count];

    public GrpcMethodMetrics(ICounter started, Func<string, ICounter> handledFor, ICounter received, ICounter sent, IHistogram handling)
    {
        Started = started;
        _handledFor = handledFor;
        Received = received;
        Sent = sent;
        Handling = handling;
    }

    public ICounter Started { get; }

    public ICounter Received { get; }

    public ICounter Sent { get; }

    public IHistogram Handling { get; }

    /// <summary>Counts a finished call with its status code.</summary>
    public void Handled(StatusCode code)
    {
        var index = (int)code;
        if (index < 0 || index >= _handled.Length)
        {
            _handledFor(GrpcCodeNames.Of(code)).Inc();
            return;
        }

        (_handled[index] ??= _handledFor(GrpcCodeNames.Of(code))).Inc();
    }

    /// <summary>Makes every series exist at 0 (a label child appears in the output once created).</summary>
    public void PublishAllCodes()
    {
        foreach (var code in GrpcCodeNames.All)
        {
            _handled[(int)code] ??= _handledFor(GrpcCodeNames.Of(code));
        }
    }
}
