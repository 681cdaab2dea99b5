using Otel.Collector.Redaction;

namespace Otel.Collector.Tests.Redaction;

/// <summary>Rules connection-string-secret, cli-flag-secret and json-secret-field: the secret part goes, the names stay.</summary>
public sealed class ConnectionStringRuleTests
{
    private readonly SecretRedactor redactor = SecretRedactor.CreateDefault();

    [Theory]
    [InlineData("Server=db;Database=runs;User Id=sa;Password=p@ss w0rd;Encrypt=true", "Server=db;Database=runs;User Id=sa;Password=[REDACTED];Encrypt=true")]
    [InlineData("Host=db;Username=u;Password=secret;Database=x", "Host=db;Username=u;Password=[REDACTED];Database=x")]
    [InlineData("Driver={ODBC Driver 18};Server=x;Uid=u;Pwd={pa;ss};", "Driver={ODBC Driver 18};Server=x;Uid=u;Pwd={[REDACTED]};")]
    [InlineData("Data Source=x;pwd=abc", "Data Source=x;pwd=[REDACTED]")]
    [InlineData("Server=x;Password=\"a;b\";", "Server=x;Password=\"[REDACTED]\";")]
    [InlineData("host=db port=5432 user=u password=s3cr3t dbname=x", "host=db port=5432 user=u password=[REDACTED] dbname=x")]
    [InlineData("jdbc:sqlserver://db:1433;user=sa;password=p4ss;encrypt=true", "jdbc:sqlserver://db:1433;user=sa;password=[REDACTED];encrypt=true")]
    [InlineData("Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=abc+d/e=", "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=[REDACTED]")]
    public void Redact_ConnectionString_ReplacesOnlyTheSecretPart(string connectionString, string expected)
    {
        Assert.Equal(expected, redactor.Redact("db.connection_string", connectionString));
        Assert.Equal(1, redactor.Counters[RedactionRules.ConnectionStringSecret]);
    }

    [Fact]
    public void Redact_AzureStorageAccountKey_ReplacesTheKeyKeepsAccountAndSuffix()
    {
        var value = "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=Eby8vdM02xNOcqF+lmn/AbC==;EndpointSuffix=core.windows.net";
        Assert.Equal("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=[REDACTED];EndpointSuffix=core.windows.net", redactor.Redact("storage", value));
    }

    [Fact]
    public void Redact_EnvironmentAssignmentOnCommandLine_ReplacesTheValue()
    {
        var value = "HF_TOKEN=abc123 AWS_REGION=us-east-1 python train.py";
        Assert.Equal("HF_TOKEN=[REDACTED] AWS_REGION=us-east-1 python train.py", redactor.Redact("process.command_line", value));
    }

    [Theory]
    [InlineData("PASSWORD=x; make", "PASSWORD=[REDACTED]; make")]
    [InlineData("PASSWORD=x make", "PASSWORD=[REDACTED] make")]
    [InlineData("PASSWORD=x y; make", "PASSWORD=[REDACTED]; make")]
    public void Redact_AssignmentWithoutQuotes_EndsWhereTheDocsSay(string value, string expected)
    {
        Assert.Equal(expected, redactor.Redact("process.command_line", value));
    }

    [Fact]
    public void Redact_ConnectionStringWithoutSecrets_ReturnsSameInstance()
    {
        var value = "Server=db;Database=runs;Integrated Security=true;Max Pool Size=10";
        Assert.Same(value, redactor.Redact("db.connection_string", value));
    }

    [Theory]
    [InlineData("python train.py --password hunter2 --epochs 3", "python train.py --password [REDACTED] --epochs 3")]
    [InlineData("python train.py --api-key=abc123 --epochs 3", "python train.py --api-key=[REDACTED] --epochs 3")]
    [InlineData("trainer -token 'a b' -v", "trainer -token '[REDACTED]' -v")]
    [InlineData("java -Djavax.net.ssl.keyStorePassword=changeit -jar app.jar", "java -Djavax.net.ssl.keyStorePassword=[REDACTED] -jar app.jar")]
    [InlineData("[\"train.py\",\"--hf-token\",\"abc123\",\"--epochs\",\"3\"]", "[\"train.py\",\"--hf-token\",\"[REDACTED]\",\"--epochs\",\"3\"]")]
    public void Redact_CommandLineSecretFlag_ReplacesTheFlagValue(string commandLine, string expected)
    {
        Assert.Equal(expected, redactor.Redact("process.command_line", commandLine));
        Assert.Equal(1, redactor.Counters.Total);
    }

    [Fact]
    public void Redact_SpaceSeparatedSecretFlag_CountsUnderCliFlagRule()
    {
        redactor.Redact("process.command_line", "train --secret abc");
        Assert.Equal(1, redactor.Counters[RedactionRules.CliFlagSecret]);
    }

    [Theory]
    [InlineData("python train.py --max-tokens 512 --tokenizer bpe --token-count 3")]
    [InlineData("python train.py --password --epochs 3")]
    [InlineData("python train.py --lr=0.01 --name=demo-logistic-regression")]
    public void Redact_CommandLineWithoutSecretFlags_ReturnsSameInstance(string commandLine)
    {
        Assert.Same(commandLine, redactor.Redact("process.command_line", commandLine));
    }

    [Fact]
    public void Redact_JsonWithSecretField_ReplacesOnlyThatFieldValue()
    {
        var json = "{\"db\":{\"user\":\"u\",\"password\":\"p\\\"q\"},\"max_tokens\":\"512\"}";
        Assert.Equal("{\"db\":{\"user\":\"u\",\"password\":\"[REDACTED]\"},\"max_tokens\":\"512\"}", redactor.Redact("config", json));
        Assert.Equal(1, redactor.Counters[RedactionRules.JsonSecretField]);
    }

    [Fact]
    public void Redact_JsonWithoutSecretFields_ReturnsSameInstance()
    {
        var json = "{\"tokenizer\":\"bpe\",\"max_tokens\":\"512\",\"author\":\"alice\"}";
        Assert.Same(json, redactor.Redact("config", json));
    }
}
