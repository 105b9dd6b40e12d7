using System.Net;
using System.Net.Sockets;

namespace Relay.Image.Tests.Infrastructure;

/// <summary>Free loopback ports for a child process, which cannot report back the port it got for 0.</summary>
internal static class FreePorts
{
    /// <summary>
    /// Asks the OS for <paramref name="count"/> distinct free ports: every listener stays open until all are
    /// known. Another process may still take one before the relay binds it; the relay then exits 1, naming the
    /// address, which fails the test loudly rather than hanging it.
    /// </summary>
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}
