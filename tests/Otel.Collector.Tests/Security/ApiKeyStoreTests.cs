using System.Text;
using Microsoft.Extensions.Time.Testing;
using Otel.Collector.Security;

namespace Otel.Collector.Tests.Security;

public sealed class ApiKeyStoreTests : IDisposable
{
    private readonly SecurityTestFiles _files = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Create_NewKey_FileHoldsItsHashButNeverTheKey()
    {
        var store = new ApiKeyStore(_files.KeysFile, _time);

        var created = store.Create("ci-trainer", ApiKeyScope.Ingest);

        var text = File.ReadAllText(_files.KeysFile, Encoding.UTF8);
        Assert.StartsWith(ApiKeySecret.Prefix, created.Key, StringComparison.Ordinal);
        Assert.Equal(4 + 43, created.Key.Length);
        Assert.DoesNotContain(created.Key, text, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Key[ApiKeySecret.Prefix.Length..], text, StringComparison.Ordinal);
        Assert.Contains(ApiKeySecret.HashHex(created.Key), text, StringComparison.Ordinal);
        Assert.Contains("\"scope\": \"ingest\"", text, StringComparison.Ordinal);
        Assert.Equal(new ApiKeyRecord(created.Record.Id, "ci-trainer", ApiKeyScope.Ingest, _time.GetUtcNow(), ApiKeySecret.HashHex(created.Key)), Assert.Single(store.List()));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Create_OnUnix_FileIsReadableByItsOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Windows has no Unix file modes");
        }

        new ApiKeyStore(_files.KeysFile, _time).Create("a", ApiKeyScope.Read);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_files.KeysFile));
        Assert.Equal([_files.KeysFile], Directory.GetFiles(_files.Path, "keys.json*").Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)));
    }

    [Fact]
    public void Create_RestrictedToModels_FileKeepsTheNamesAndTheReloadedKeyIsRestricted()
    {
        var store = new ApiKeyStore(_files.KeysFile, _time);

        var created = store.Create("churn-team", ApiKeyScope.Registry, models: ["churn", "fraud", "churn"]);

        var loaded = new ApiKeyStore(_files.KeysFile, _time).Load().Find(created.Key)!;
        Assert.Equal(ApiKeyScope.Registry, loaded.Scope);
        Assert.Equal(["churn", "fraud"], loaded.Models);
        Assert.True(loaded.MayWriteModel("fraud"));
        Assert.False(loaded.MayWriteModel("Churn"));
        Assert.True(store.Create("anything", ApiKeyScope.Approve).Record.MayWriteModel("Churn"));
    }

    [Theory]
    [InlineData("ingest", "churn", "not to a ingest key")]
    [InlineData("read", "churn", "not to a read key")]
    [InlineData("registry", "churn, fraud", "without spaces")]
    public void Create_ModelsThatCannotApply_RefusedSayingWhy(string scope, string models, string expected)
    {
        Assert.True(ApiKeyScopes.TryParse(scope, out var parsed));

        var error = Assert.Throws<ApiKeyStoreException>(() => new ApiKeyStore(_files.KeysFile, _time).Create("k", parsed, models: [models]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_files.KeysFile));
    }

    [Fact]
    public void Load_KeysOfEveryScope_FindsEachByItsKeyOnly()
    {
        var store = new ApiKeyStore(_files.KeysFile, _time);
        var ingest = store.Create("ingest", ApiKeyScope.Ingest);
        var read = store.Create("read", ApiKeyScope.Read);
        var admin = store.Create("admin", ApiKeyScope.Admin);
        var registry = store.Create("registry", ApiKeyScope.Registry);
        var approve = store.Create("approve", ApiKeyScope.Approve);

        var keys = store.Load();

        Assert.True(keys.Enabled);
        Assert.Equal(5, keys.Count);
        Assert.Equal(registry.Record, keys.Find(registry.Key));
        Assert.Equal(approve.Record, keys.Find(approve.Key));
        Assert.Equal(ingest.Record, keys.Find(ingest.Key));
        Assert.Equal(read.Record, keys.Find(read.Key));
        Assert.Equal(admin.Record, keys.Find(admin.Key));
        Assert.Null(keys.Find(ApiKeySecret.Generate()));
        Assert.Null(keys.Find(ingest.Key + "x"));
        Assert.Null(keys.Find(ingest.Record.Sha256));
    }

    [Fact]
    public void Load_NoFile_IsOpen()
    {
        var keys = new ApiKeyStore(_files.KeysFile, _time).Load();

        Assert.False(keys.Enabled);
        Assert.Equal(0, keys.Count);
    }

    [Fact]
    public void RevokeByName_LastKey_KeysStayRequiredAndNoneIsAccepted()
    {
        var store = new ApiKeyStore(_files.KeysFile, _time);
        var created = store.Create("only", ApiKeyScope.Admin);

        var revoked = store.RevokeByName("only");

        Assert.Equal(created.Record, revoked);
        var keys = store.Load();
        Assert.True(keys.Enabled);
        Assert.Null(keys.Find(created.Key));
        Assert.Null(store.RevokeByName("only"));
    }

    [Fact]
    public void RevokeById_OtherKeys_StayValid()
    {
        var store = new ApiKeyStore(_files.KeysFile, _time);
        var gone = store.Create("gone", ApiKeyScope.Read);
        var kept = store.Create("kept", ApiKeyScope.Read);

        Assert.Equal(gone.Record, store.RevokeById(gone.Record.Id));

        var keys = store.Load();
        Assert.Null(keys.Find(gone.Key));
        Assert.Equal(kept.Record, keys.Find(kept.Key));
    }

    [Fact]
    public void Create_NameTaken_RefusesAndKeepsTheFirst()
    {
        var store = new ApiKeyStore(_files.KeysFile, _time);
        var first = store.Create("ci", ApiKeyScope.Read);

        var error = Assert.Throws<ApiKeyStoreException>(() => store.Create("ci", ApiKeyScope.Admin));

        Assert.Contains("exists already", error.Message, StringComparison.Ordinal);
        Assert.Equal(first.Record, Assert.Single(store.List()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-starts-with-dash")]
    [InlineData("has space")]
    [InlineData("new\nline")]
    [InlineData("quote\"")]
    public void Create_InvalidName_Refused(string name)
    {
        var store = new ApiKeyStore(_files.KeysFile, _time);

        Assert.Throws<ApiKeyStoreException>(() => store.Create(name, ApiKeyScope.Read));
        Assert.False(File.Exists(_files.KeysFile));
    }

    [Fact]
    public void Load_CorruptFile_FailsSayingWhichFile()
    {
        File.WriteAllText(_files.KeysFile, "{ not json");

        var error = Assert.Throws<ApiKeyStoreException>(() => new ApiKeyStore(_files.KeysFile, _time).Load());

        Assert.Contains(_files.KeysFile, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EntryWithUnknownScope_Fails()
    {
        File.WriteAllText(_files.KeysFile, """{"keys":[{"id":"ab","name":"x","scope":"root","created":"2025-01-01T00:00:00Z","sha256":"00"}]}""");

        Assert.Throws<ApiKeyStoreException>(() => new ApiKeyStore(_files.KeysFile, _time).Load());
    }

    [Fact]
    public async Task Create_ManyAtOnce_NoneIsLost()
    {
        var store = new ApiKeyStore(_files.KeysFile, TimeProvider.System);

        var created = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => store.Create($"k{i}", ApiKeyScope.Read), TestContext.Current.CancellationToken)));

        var keys = store.Load();
        Assert.Equal(16, keys.Count);
        Assert.All(created, c => Assert.Equal(c.Record, keys.Find(c.Key)));
    }
}
