using System.Net;
using System.Net.Sockets;

namespace Otel.Cli.Commands;

/// <summary>
/// Refuses, in one line naming the port and its flag, a port that something already listens on, before serve opens
/// its store; Kestrel would fail later, with a stack trace in the log.
/// </summary>
internal static class ListenPorts
{
    /// <summary>Checks each port that is not 0 (0 picks a free one) on <paramref name="host"/>, as the collector binds them.</summary>
    public static void EnsureFree(string host, params (int? Port, string Flag)[] ports)
    {
        // The collector listens on an IP address or on localhost; the options validator refuses anything else.
        var address = host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(host, out var parsed) ? parsed : null;
        if (address is null)
        {
            return;
        }

        foreach (var (port, flag) in ports)
        {
            if (port is not > 0)
            {
                continue;
            }

            using var listener = new TcpListener(address, port.Value);
            try
            {
                listener.Start();
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                throw new CliException(
                    $"port {port} on {host} is already in use (another otel-track serve?): pass {flag} with a free port, or {flag} 0 to pick one",
                    ExitCodes.Failure, ex);
            }
            finally
            {
                listener.Stop();
            }
        }
    }
}
