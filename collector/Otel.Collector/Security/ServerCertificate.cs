using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Otel.Collector.Security;

/// <summary>The TLS certificate of both listeners, from PEM files (<c>serve --tls-cert FILE --tls-key FILE</c>); owned by the host.</summary>
internal sealed class ServerCertificate(SecurityOptions options) : IDisposable
{
    /// <summary>Null without TLS.</summary>
    public X509Certificate2? Certificate { get; } = options.TlsEnabled ? Load(options.TlsCertificateFile!, options.TlsKeyFile!) : null;

    /// <exception cref="CryptographicException">The files are not a PEM certificate and its private key.</exception>
    public static X509Certificate2 Load(string certificateFile, string keyFile)
    {
        var certificate = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        if (!OperatingSystem.IsWindows())
        {
            return certificate;
        }

        // Windows' TLS stack cannot use the ephemeral key of a PEM import; a PKCS#12 round trip persists it.
        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
        }
    }

    public void Dispose() => Certificate?.Dispose();
}
