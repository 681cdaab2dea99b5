namespace Otel.Collector.Security;

/// <summary>API keys and TLS of the collector (docs/security.md).</summary>
internal sealed class SecurityOptions
{
    /// <summary>The key file, managed with <c>otel-track keys</c>. Default: <c>DATA/keys.json</c> under the data directory.</summary>
    public string? KeysFile { get; set; }

    /// <summary>
    /// Serve on an address other than loopback although no key file exists (<c>serve --insecure</c>): anyone who can
    /// reach the collector may then send and read everything. Default false: such a collector refuses to start.
    /// </summary>
    public bool Insecure { get; set; }

    /// <summary>PEM certificate (chain) file: with <see cref="TlsKeyFile"/>, both listeners speak HTTPS (<c>serve --tls-cert</c>).</summary>
    public string? TlsCertificateFile { get; set; }

    /// <summary>PEM private key of <see cref="TlsCertificateFile"/> (<c>serve --tls-key</c>).</summary>
    public string? TlsKeyFile { get; set; }

    /// <summary>How often, at most, the running collector looks for changes to the key file. Default 1 s.</summary>
    public TimeSpan KeysReloadInterval { get; set; } = TimeSpan.FromSeconds(1);

    public bool TlsEnabled => !string.IsNullOrEmpty(TlsCertificateFile) || !string.IsNullOrEmpty(TlsKeyFile);

    /// <summary><see cref="KeysFile"/>, else <c>keys.json</c> in <paramref name="dataPath"/>.</summary>
    public string ResolveKeysFile(string dataPath) => KeysFile is { Length: > 0 } file ? file : ApiKeyStore.PathIn(dataPath);
}
