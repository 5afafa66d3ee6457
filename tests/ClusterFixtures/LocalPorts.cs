using System.Net;
using System.Net.Sockets;

namespace Snnsweep.Tests.ClusterFixtures;

public static class LocalPorts
{
    // Ports are drawn below the kernel's ephemeral range (Linux: 32768-60999 by default). A port the kernel
    // handed out for "port 0" sits in that range, where any outgoing connection of any process (an HTTP client,
    // a Redis client, a silo dialling another) may take it as its local port before a test binds it; CI saw a
    // dashboard fail to bind [::]:42211 that way. Below the range only another listener can hold a port, and
    // each candidate is checked on every address (dual-mode [::]) as servers bind them.
    private const int Lowest = 20_000;
    private const int Count = 12_000;
    private static int next = Random.Shared.Next(Count);

    /// <summary>A port no socket holds on any local address right now, outside the ephemeral range.</summary>
    public static int Free()
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            var port = Lowest + (int)((uint)Interlocked.Increment(ref next) % Count);
            if (IsFreeEverywhere(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"no free port between {Lowest} and {Lowest + Count - 1}");
    }

    private static bool IsFreeEverywhere(int port)
    {
        try
        {
            if (!Socket.OSSupportsIPv6)
            {
                using var v4 = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                v4.Bind(new IPEndPoint(IPAddress.Any, port));
                return true;
            }

            using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
            socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
