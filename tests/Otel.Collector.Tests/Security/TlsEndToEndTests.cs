using System.Net;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Security;

/// <summary><c>serve --tls-cert --tls-key</c>: both listeners speak HTTPS with the given PEM pair.</summary>
public sealed class TlsEndToEndTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tls_SelfSignedPemPair_HealthOverHttpsAndHttp2AndGrpcWithKey()
    {
        using var files = new SecurityTestFiles();
        var (certificateFile, keyFile) = TestCertificates.WritePemPair(files.Path);
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(certificateFile);
        await using var secured = await SecuredCollector.StartAsync("sec_tls", configure: o =>
        {
            o.Security.TlsCertificateFile = certificateFile;
            o.Security.TlsKeyFile = keyFile;
        });
        Assert.Equal("https", secured.Collector.Host.HttpEndpoint.Scheme);
        Assert.Equal("https", secured.Collector.Host.GrpcEndpoint.Scheme);

        using var http = new HttpClient(TrustOnly(certificate)) { BaseAddress = secured.Collector.Host.HttpEndpoint, Timeout = TestTimeouts.Default };
        using var health = await http.GetAsync("healthz", Ct).WaitAsync(TestTimeouts.Default, Ct);
        using var http2 = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "healthz") { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact }, Ct)
            .WaitAsync(TestTimeouts.Default, Ct);
        var grpc = await secured.GrpcExportAsync(secured.Ingest, new GrpcChannelOptions { HttpHandler = TrustOnly(certificate) });

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok", await health.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpVersion.Version20, http2.Version);
        Assert.Equal(StatusCode.OK, grpc);
    }

    [Fact]
    public async Task Tls_ClientThatDoesNotTrustTheCertificate_Fails()
    {
        using var files = new SecurityTestFiles();
        var (certificateFile, keyFile) = TestCertificates.WritePemPair(files.Path);
        await using var secured = await SecuredCollector.StartAsync("sec_tls_untrusted", withKeys: false, configure: o =>
        {
            o.Security.TlsCertificateFile = certificateFile;
            o.Security.TlsKeyFile = keyFile;
        });

        using var http = new HttpClient { BaseAddress = secured.Collector.Host.HttpEndpoint, Timeout = TestTimeouts.Default };

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("healthz", Ct));
    }

    /// <summary>A handler that accepts exactly this certificate, as a client given the collector's CA would.</summary>
    private static SocketsHttpHandler TrustOnly(X509Certificate2 expected) => new()
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == expected.GetCertHashString() },
    };
}
