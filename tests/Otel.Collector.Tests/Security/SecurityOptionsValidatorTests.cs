using Otel.Collector.Hosting;
using Otel.Collector.Security;

namespace Otel.Collector.Tests.Security;

public sealed class SecurityOptionsValidatorTests : IDisposable
{
    private readonly SecurityTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("192.168.1.10")]
    public void Validate_EveryInterfaceWithoutKeys_RefusesSayingWhatToDo(string host)
    {
        var errors = CollectorOptionsValidator.Validate(Options(host));

        var error = Assert.Single(errors);
        Assert.Contains("no API key exists", error, StringComparison.Ordinal);
        Assert.Contains("otel-track keys create", error, StringComparison.Ordinal);
        Assert.Contains("--insecure", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EveryInterfaceWithoutKeysButInsecure_Accepted()
    {
        var options = Options("0.0.0.0");
        options.Security.Insecure = true;

        Assert.Empty(CollectorOptionsValidator.Validate(options));
    }

    [Fact]
    public void Validate_EveryInterfaceWithAKey_Accepted()
    {
        new ApiKeyStore(ApiKeyStore.PathIn(_files.Path), TimeProvider.System).Create("admin", ApiKeyScope.Admin);

        Assert.Empty(CollectorOptionsValidator.Validate(Options("0.0.0.0")));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("localhost")]
    public void Validate_LoopbackWithoutKeys_Accepted(string host) =>
        Assert.Empty(CollectorOptionsValidator.Validate(Options(host)));

    [Fact]
    public void Validate_UnreadableKeyFile_RefusesNamingIt()
    {
        File.WriteAllText(ApiKeyStore.PathIn(_files.Path), "[");

        var error = Assert.Single(CollectorOptionsValidator.Validate(Options("127.0.0.1")));

        Assert.Contains(ApiKeyStore.PathIn(_files.Path), error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TlsCertificateWithoutKey_Refused()
    {
        var options = Options("127.0.0.1");
        options.Security.TlsCertificateFile = _files.Combine("cert.pem");

        Assert.Contains("go together", Assert.Single(CollectorOptionsValidator.Validate(options)), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TlsFilesMissing_NamesEach()
    {
        var options = Options("127.0.0.1");
        options.Security.TlsCertificateFile = _files.Combine("cert.pem");
        options.Security.TlsKeyFile = _files.Combine("key.pem");

        var errors = CollectorOptionsValidator.Validate(options);

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("--tls-cert", StringComparison.Ordinal) && e.Contains("no such file", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("--tls-key", StringComparison.Ordinal) && e.Contains("no such file", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_TlsFilesNotPem_Refused()
    {
        var options = Options("127.0.0.1");
        options.Security.TlsCertificateFile = _files.Combine("cert.pem");
        options.Security.TlsKeyFile = _files.Combine("key.pem");
        File.WriteAllText(options.Security.TlsCertificateFile, "not a certificate");
        File.WriteAllText(options.Security.TlsKeyFile, "not a key");

        Assert.Contains("not a PEM certificate", Assert.Single(CollectorOptionsValidator.Validate(options)), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SelfSignedPemPair_Accepted()
    {
        var options = Options("127.0.0.1");
        (options.Security.TlsCertificateFile, options.Security.TlsKeyFile) = TestCertificates.WritePemPair(_files.Path);

        Assert.Empty(CollectorOptionsValidator.Validate(options));
    }

    private CollectorOptions Options(string host) => new() { Host = host, DataPath = _files.Path, GrpcPort = 0, HttpPort = 0 };
}
