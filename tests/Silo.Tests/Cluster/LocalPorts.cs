using System.Net;
using System.Net.Sockets;

namespace Snnsweep.Silo.Tests.Cluster;

internal static class LocalPorts
{
    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
