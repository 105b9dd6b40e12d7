using Grpc.Core;

namespace Relay.Fleet;

/// <summary>Injected request failures of one node: every RPC answers a status, a number of times or until cleared.</summary>
internal sealed class NodeFaults
{
    private readonly Lock _lock = new();
    private Status? _status;
    private int? _remaining;

    public void Fail(StatusCode code, string message, int? count)
    {
        if (code == StatusCode.OK)
        {
            throw new ArgumentException("a failure needs a status other than OK", nameof(code));
        }

        if (count is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "count must be at least 1, or null for every request");
        }

        lock (_lock)
        {
            _status = new Status(code, message);
            _remaining = count;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _status = null;
            _remaining = null;
        }
    }

    /// <summary>Throws the injected status when one is pending for this request.</summary>
    public void ThrowIfFailing()
    {
        Status status;
        lock (_lock)
        {
            if (_status is not { } pending)
            {
                return;
            }

            status = pending;
            if (_remaining is { } remaining)
            {
                _remaining = remaining - 1;
                if (remaining == 1)
                {
                    _status = null;
                    _remaining = null;
                }
            }
        }

        throw new RpcException(status);
    }
}
