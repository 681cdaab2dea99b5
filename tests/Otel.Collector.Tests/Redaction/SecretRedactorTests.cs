using Otel.Collector.Redaction;

namespace Otel.Collector.Tests.Redaction;

/// <summary>Properties every rule shares: idempotent, allocation-free when clean, counted, thread-safe.</summary>
public sealed class SecretRedactorTests
{
    private readonly SecretRedactor redactor = SecretRedactor.CreateDefault();

    public static TheoryData<string, string> Secrets => new()
    {
        { "password", "hunter2" },
        { "url", "https://u:p@ss@h/x?token=abc&page=1#access_token=z" },
        { "cs", "Server=x;Password=a b;AccountKey=k==;" },
        { "cmd", "HF_TOKEN=abc python t.py --api-key k --secret 'a b' -Dx.password=p" },
        { "json", "{\"password\":\"p\",\"nested\":{\"token\":\"t\"}}" },
        { "pem", "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----" },
        { "header", "Authorization: Bearer abc123def456" },
        { "formats", $"{FakeSecrets.AwsAccessKeyId}:{FakeSecrets.AwsSecretAccessKey} {FakeSecrets.Jwt} {FakeSecrets.Token("ghp_", 36)} {FakeSecrets.Token("hf_", 34)}" },
        { "aws.sk", FakeSecrets.AwsSecretAccessKey },
    };

    [Theory]
    [MemberData(nameof(Secrets))]
    public void Redact_Twice_EqualsOnceAndCountsOnce(string key, string value)
    {
        var once = redactor.Redact(key, value);
        var counted = redactor.Counters.Total;
        var twice = redactor.Redact(key, once);

        Assert.NotEqual(value, once);
        Assert.Equal(once, twice);
        Assert.Same(once, twice);
        Assert.Equal(counted, redactor.Counters.Total);
    }

    [Theory]
    [InlineData("ml.param.learning_rate", "0.01")]
    [InlineData("ml.param.optimizer", "adam(lr=0.01, betas=(0.9, 0.999))")]
    [InlineData("process.command_line", "dotnet run --project src/Otel.Cli -- demo --epochs 5")]
    [InlineData("vcs.repository.url.full", "https://github.com/org/repo.git")]
    [InlineData("ml.tag.note", "basic run with max_tokens=512; tokenizer=bpe")]
    [InlineData("ml.run.id", "5b8efff798038103d269b633813fc60c")]
    [InlineData("config", "{\"tokenizer\":\"bpe\",\"layers\":[1,2,3]}")]
    [InlineData("url.full", "https://h/?a=1&b=2#frag")]
    public void Redact_ValueWithoutSecret_ReturnsSameInstance(string key, string value)
    {
        Assert.Same(value, redactor.Redact(key, value));
        Assert.Same(value, redactor.RedactText(value));
        Assert.Equal(0, redactor.Counters.Total);
    }

    [Fact]
    public void Counters_SeveralRules_CountEachByNameWithoutSecrets()
    {
        redactor.Redact("password", "hunter2");
        redactor.Redact("api_key", "k");
        redactor.Redact("url", "https://u:p@h/?sig=s");

        var snapshot = redactor.Counters.Snapshot();

        Assert.Equal(2, snapshot[RedactionRules.SecretKeyName]);
        Assert.Equal(1, snapshot[RedactionRules.UrlUserInfo]);
        Assert.Equal(1, snapshot[RedactionRules.UrlQuerySecret]);
        Assert.Equal(4, redactor.Counters.Total);
        Assert.All(snapshot.Keys, name => Assert.Contains(name, RedactionRules.BuiltIn));
    }

    [Fact]
    public async Task Redact_ConcurrentCalls_CountEveryRedaction()
    {
        var ct = TestContext.Current.CancellationToken;
        await Parallel.ForAsync(0, 1000, ct, (i, _) =>
        {
            Assert.Equal(FakeSecrets.Marker, redactor.Redact("password", "p" + i));
            return ValueTask.CompletedTask;
        });

        Assert.Equal(1000, redactor.Counters[RedactionRules.SecretKeyName]);
    }
}
