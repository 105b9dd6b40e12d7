namespace Relay.Api.Configuration;

/// <summary>Whether a file can be read.</summary>
public enum FileAccessStatus
{
    Readable,
    Missing,
    Unreadable,
}
