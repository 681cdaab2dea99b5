using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Otel.Collector.Audit;
using Otel.Collector.Security;
using Otel.Collector.Tests.Infrastructure;
using Otel.Collector.Tests.Security;

namespace Otel.Collector.Tests.Audit;

/// <summary>Keys created or revoked while no collector ran are compared with the audit log at start and recorded once.</summary>
public sealed class KeyAuditReconcilerTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_KeyFileAndAuditLogDiffer_RecordsTheCreatedAndRevokedKeys_NotTheKnownOnes()
    {
        using var files = new SecurityTestFiles();
        await using var store = await TestStores.CreateEmbeddedAsync("audit_key_reconcile", Cancellation);
        var keyFile = new ApiKeyStore(files.KeysFile, TimeProvider.System);
        var known = keyFile.Create("ci", ApiKeyScope.Ingest).Record;
        var offline = keyFile.Create("ana", ApiKeyScope.Approve, createdBy: "ana-laptop", models: ["churn"]).Record;
        await RecordPendingAsync(store, AuditActions.KeyCreate, known);
        await RecordPendingAsync(store, AuditActions.KeyCreate, new ApiKeyRecord("gone-id", "old", ApiKeyScope.Read, DateTimeOffset.UnixEpoch, ""));
        await RecordPendingAsync(store, AuditActions.KeyCreate, new ApiKeyRecord("revoked-id", "older", ApiKeyScope.Read, DateTimeOffset.UnixEpoch, ""));
        await RecordPendingAsync(store, AuditActions.KeyRevoke, new ApiKeyRecord("revoked-id", "older", ApiKeyScope.Read, DateTimeOffset.UnixEpoch, ""));

        var trail = new RecordingAuditTrail();
        var options = new AuditOptions();
        var recorder = new SecurityAuditRecorder(trail, options, TimeProvider.System, NullLogger<SecurityAuditRecorder>.Instance);
        var keys = new ApiKeyAuthenticator(keyFile, new SecurityOptions(), TimeProvider.System, NullLogger<ApiKeyAuthenticator>.Instance, recorder);
        using var reconciler = new KeyAuditReconciler(keys, store, recorder, options, TimeProvider.System, NullLogger<KeyAuditReconciler>.Instance);
        await reconciler.StartAsync(Cancellation);
        await reconciler.ExecuteTask!.WaitAsync(TestTimeouts.Default, Cancellation);
        await recorder.FlushAsync(all: true, Cancellation);

        var entries = trail.Entries.OrderBy(e => e.Action, StringComparer.Ordinal).ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal(("ana-laptop", AuditActions.KeyCreate, "key:ana"), (entries[0].Actor, entries[0].Action, entries[0].Target));
        Assert.Equal(offline.Id, entries[0].Details!["id"]!.GetValue<string>());
        Assert.Equal("churn", entries[0].Details!["models"]![0]!.GetValue<string>());
        Assert.Equal((SecurityAuditRecorder.KeysFileActor, AuditActions.KeyRevoke, "key:old"), (entries[1].Actor, entries[1].Action, entries[1].Target));
        Assert.Equal("gone-id", entries[1].Details!["id"]!.GetValue<string>());
    }

    private static Task RecordPendingAsync(Otel.Collector.ClickHouse.IClickHouseStore store, string action, ApiKeyRecord key) =>
        store.ExecuteAsync(
            "INSERT INTO ml_audit_pending (EntryId, Time, Actor, Action, Target, Details, AcceptedBy) " +
            "VALUES (generateUUIDv4(), now64(3), 'test', {action:String}, {target:String}, {details:String}, 'test')",
            new Otel.Collector.ClickHouse.QueryParameters().Add("action", action).Add("target", "key:" + key.Name)
                .Add("details", $$"""{"id":"{{key.Id}}","scope":"{{key.Scope.Name()}}","created":"{{key.Created.ToString("O", CultureInfo.InvariantCulture)}}"}"""),
            Cancellation);
}
