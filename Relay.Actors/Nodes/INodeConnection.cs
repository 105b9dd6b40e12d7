namespace Relay.Actors.Nodes;

/// <summary>One open connection to a node. Disposing it closes the channel and ends the calls running on it.</summary>
public interface INodeConnection : IDisposable
{
    /// <summary>The calls this connection serves.</summary>
    INodeClient Client { get; }
}
