namespace Relay.Api.Configuration;

/// <summary>Upstream's log formats (<c>--log-format</c>); the <c>-ts</c> variants add a timestamp.</summary>
public enum RelayLogFormat
{
    Text,
    TextTimestamp,
    Json,
    JsonTimestamp,
}
