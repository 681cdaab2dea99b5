using System.Net;
using System.Net.Sockets;

namespace Otel.Cli.Tests.Infrastructure;

/// <summary>A loopback port free right now, for a process that must listen on the same port again after a restart.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
