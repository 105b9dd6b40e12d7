namespace Relay.Api.Hosting;

/// <summary>
/// Signals that the relay is shutting down, so open streams can end with UNAVAILABLE ("relay shutting down")
/// before the server stops instead of being cut.
/// </summary>
public sealed class RelayShutdown
{
    private readonly CancellationTokenSource _source = new();

    /// <summary>Cancelled when shutdown begins.</summary>
    public CancellationToken Token => _source.Token;

    public void Begin() => _source.Cancel();
}
