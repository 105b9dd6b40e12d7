using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Relay.Image.Tests.Infrastructure;

/// <summary>Sends SIGTERM, as the kubelet does; <see cref="Process.Kill()"/> only sends SIGKILL.</summary>
internal static class PosixSignals
{
    private const int Sigterm = 15;

    public static void Terminate(Process process)
    {
        if (Kill(process.Id, Sigterm) != 0)
        {
            throw new InvalidOperationException($"kill({process.Id}, SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
