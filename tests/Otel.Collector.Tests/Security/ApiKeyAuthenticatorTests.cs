using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Otel.Collector.Security;

namespace Otel.Collector.Tests.Security;

public sealed class ApiKeyAuthenticatorTests : IDisposable
{
    private readonly SecurityTestFiles _files = new();
    private readonly FakeTimeProvider _time = new();
    private readonly ListLogger<ApiKeyAuthenticator> _log = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Current_KeyCreatedAndRevokedWhileRunning_SeenOnceTheIntervalPassed()
    {
        var store = new ApiKeyStore(_files.KeysFile, _time);
        var authenticator = Authenticator(store);
        Assert.False(authenticator.Current.Enabled);

        var created = store.Create("ci", ApiKeyScope.Ingest);
        Assert.False(authenticator.Current.Enabled);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(authenticator.Current.Enabled);
        Assert.Equal(created.Record, authenticator.Current.Find(created.Key));

        store.RevokeByName("ci");
        Assert.NotNull(authenticator.Current.Find(created.Key));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(authenticator.Current.Find(created.Key));
        Assert.True(authenticator.Current.Enabled);
    }

    [Fact]
    public void Current_FileBecomesUnreadable_AcceptsNoKeyAndLogsAnError()
    {
        var store = new ApiKeyStore(_files.KeysFile, _time);
        var created = store.Create("ci", ApiKeyScope.Admin);
        var authenticator = Authenticator(store);
        Assert.NotNull(authenticator.Current.Find(created.Key));

        File.WriteAllText(_files.KeysFile, "garbage that is longer than the file was before, so that its size changes for sure");
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(authenticator.Current.Enabled);
        Assert.Null(authenticator.Current.Find(created.Key));
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Error && e.Text.Contains(_files.KeysFile, StringComparison.Ordinal));
    }

    private ApiKeyAuthenticator Authenticator(ApiKeyStore store) =>
        new(store, new SecurityOptions { KeysReloadInterval = TimeSpan.FromSeconds(1) }, _time, _log);
}
