using Otel.Collector.Redaction;

namespace Otel.Collector.Tests.Redaction;

/// <summary>Rules url-userinfo and url-query-secret: only the password or the secret parameter value goes.</summary>
public sealed class UrlRuleTests
{
    private readonly SecretRedactor redactor = SecretRedactor.CreateDefault();

    [Theory]
    [InlineData("https://alice:s3cret@example.com/repo.git", "https://alice:[REDACTED]@example.com/repo.git")]
    [InlineData("http://user:password@host:8123/", "http://user:[REDACTED]@host:8123/")]
    [InlineData("postgres://app:pa55@db.internal:5432/runs", "postgres://app:[REDACTED]@db.internal:5432/runs")]
    [InlineData("postgresql://app:pa55@db/runs?sslmode=require", "postgresql://app:[REDACTED]@db/runs?sslmode=require")]
    [InlineData("mongodb+srv://ml:Xy9zQ@cluster0.example.net/?retryWrites=true", "mongodb+srv://ml:[REDACTED]@cluster0.example.net/?retryWrites=true")]
    [InlineData("redis://:r3dis@cache:6379/0", "redis://:[REDACTED]@cache:6379/0")]
    [InlineData("amqp://guest:guest@rabbit:5672/vhost", "amqp://guest:[REDACTED]@rabbit:5672/vhost")]
    [InlineData("s3://AKID:abc%2Fdef@bucket/key", "s3://AKID:[REDACTED]@bucket/key")]
    [InlineData("postgres://u:p@ss@db:5432/x", "postgres://u:[REDACTED]@db:5432/x")]
    public void Redact_UrlWithPassword_ReplacesOnlyThePassword(string url, string expected)
    {
        Assert.Equal(expected, redactor.Redact("vcs.repository.url.full", url));
        Assert.Equal(1, redactor.Counters[RedactionRules.UrlUserInfo]);
    }

    [Fact]
    public void RedactText_UrlsInsideCommandLine_ReplacesEachPassword()
    {
        var text = "git clone https://oauth2:abc123@gitlab.example.com/x.git && psql postgres://u:pw@db/x";
        Assert.Equal("git clone https://oauth2:[REDACTED]@gitlab.example.com/x.git && psql postgres://u:[REDACTED]@db/x", redactor.RedactText(text));
        Assert.Equal(2, redactor.Counters[RedactionRules.UrlUserInfo]);
    }

    [Theory]
    [InlineData("https://alice@example.com/x")]
    [InlineData("https://example.com:8443/path?page=2")]
    [InlineData("git@github.com:org/repo.git")]
    [InlineData("http://localhost:4318/v1/traces")]
    public void Redact_UrlWithoutPassword_ReturnsSameInstance(string url)
    {
        Assert.Same(url, redactor.Redact("url.full", url));
    }

    [Theory]
    [InlineData("https://h/x?token=abc&page=2", "https://h/x?token=[REDACTED]&page=2")]
    [InlineData("https://h/x?access_token=abc", "https://h/x?access_token=[REDACTED]")]
    [InlineData("https://h/x?api_key=abc&v=1", "https://h/x?api_key=[REDACTED]&v=1")]
    [InlineData("https://acct.blob.core.windows.net/c/f?sv=2022-11-02&sp=r&sig=AbC%2Bd%3D&se=2030-01-01", "https://acct.blob.core.windows.net/c/f?sv=2022-11-02&sp=r&sig=[REDACTED]&se=2030-01-01")]
    [InlineData("https://app/cb#access_token=abc&token_type=bearer&expires_in=3600", "https://app/cb#access_token=[REDACTED]&token_type=bearer&expires_in=3600")]
    [InlineData("https://h/x?password=a%26b", "https://h/x?password=[REDACTED]")]
    public void Redact_QuerySecret_ReplacesOnlyThatParameterValue(string url, string expected)
    {
        Assert.Equal(expected, redactor.Redact("url.full", url));
        Assert.Equal(1, redactor.Counters[RedactionRules.UrlQuerySecret]);
    }

    [Fact]
    public void Redact_PresignedS3Url_ReplacesSignatureAndCredentialKeepsTheRest()
    {
        var url = $"https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential={FakeSecrets.AwsAccessKeyId}%2F20240101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240101T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=0a1b2c3d4e5f";
        var expected = "https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=[REDACTED]&X-Amz-Date=20240101T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=[REDACTED]";
        Assert.Equal(expected, redactor.Redact("url.full", url));
        Assert.Equal(2, redactor.Counters[RedactionRules.UrlQuerySecret]);
    }

    [Fact]
    public void Redact_QueryWithoutSecrets_ReturnsSameInstance()
    {
        var url = "https://h/v1/complete?max_tokens=512&tokenizer=bpe&key_count=3";
        Assert.Same(url, redactor.Redact("url.full", url));
    }
}
