using System.Net.Sockets;

namespace Otel.Collector.Tests.Infrastructure;

/// <summary>Whether a Docker engine answers, checked cheaply (a socket and a <c>/_ping</c>) before Testcontainers is asked to start anything.</summary>
internal static class DockerProbe
{
    private const string DefaultSocket = "/var/run/docker.sock";
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(3);

    public static async Task<bool> IsReachableAsync()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (!string.IsNullOrEmpty(host) && host.StartsWith("tcp://", StringComparison.Ordinal))
        {
            return await PingAsync(new HttpClient { Timeout = PingTimeout }, new Uri("http://" + host["tcp://".Length..]));
        }

        var socket = !string.IsNullOrEmpty(host) && host.StartsWith("unix://", StringComparison.Ordinal) ? host["unix://".Length..] : DefaultSocket;
        if (!File.Exists(socket))
        {
            return false;
        }

        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var connection = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await connection.ConnectAsync(new UnixDomainSocketEndPoint(socket), cancellationToken);
                    return new NetworkStream(connection, ownsSocket: true);
                }
                catch
                {
                    connection.Dispose();
                    throw;
                }
            },
        };
        return await PingAsync(new HttpClient(handler) { Timeout = PingTimeout }, new Uri("http://docker"));
    }

    private static async Task<bool> PingAsync(HttpClient client, Uri engine)
    {
        using (client)
        {
            try
            {
                using var response = await client.GetAsync(new Uri(engine, "/_ping"));
                return response.IsSuccessStatusCode;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or SocketException)
            {
                return false;
            }
        }
    }
}
