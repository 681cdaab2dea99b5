using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Otel.Collector.Audit;
using Otel.Collector.ClickHouse;
using Otel.Collector.Query;

namespace Otel.Collector.Security;

/// <summary>
/// Keys created or revoked with <c>otel-track keys</c> while no collector ran are seen by none: at start, this
/// compares the key file with the keys the audit log knows (the newest <c>key.create</c> or <c>key.revoke</c> entry
/// per key id) and queues the differences with <see cref="SecurityAuditRecorder"/>, as a reload would. Their
/// details keep each key's own creation time. Retried until the store answers.
/// </summary>
internal sealed partial class KeyAuditReconciler(
    ApiKeyAuthenticator keys, IClickHouseStore store, SecurityAuditRecorder recorder, AuditOptions options, TimeProvider time,
    ILogger<KeyAuditReconciler> logger) : BackgroundService
{
    private static readonly string AuditedKeysSql = $"""
        SELECT JSONExtractString(Details, 'id') AS KeyId, argMax(Action, StoredAt) AS LastAction,
               argMax(Target, StoredAt) AS LastTarget, argMax(Details, StoredAt) AS LastDetails
        FROM ml_audit_pending
        WHERE Action IN ('{AuditActions.KeyCreate}', '{AuditActions.KeyRevoke}')
        GROUP BY KeyId
        HAVING LastAction = '{AuditActions.KeyCreate}'
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var current = keys.Current;
                if (!ReferenceEquals(current, ApiKeySet.Unreadable))
                {
                    recorder.KeysChanged(new ApiKeySet(enabled: true, await AuditedKeysAsync(stoppingToken)), current);
                }

                return;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex)
            {
                // The store may not answer yet (a server still starting): the next try comes after a flush interval.
                LogReconcileFailed(logger, ex);
                await Task.Delay(options.DenialFlushInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>The keys whose newest audit entry is their creation, as the audit details describe them.</summary>
    private async Task<List<ApiKeyRecord>> AuditedKeysAsync(CancellationToken cancellationToken)
    {
        var keys = new List<ApiKeyRecord>();
        foreach (var row in JsonRows.Parse(await store.QueryAsync(AuditedKeysSql, "JSONEachRow", null, cancellationToken)))
        {
            using var details = JsonDocument.Parse(row.String("LastDetails"));
            var detail = details.RootElement;
            var scope = ApiKeyScopes.TryParse(detail.TryGetProperty("scope", out var s) ? s.GetString() : null, out var parsed) ? parsed : ApiKeyScope.Read;
            var created = detail.TryGetProperty("created", out var c) && DateTimeOffset.TryParse(c.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
                ? at
                : DateTimeOffset.UnixEpoch;
            var models = detail.TryGetProperty("models", out var m) && m.ValueKind == JsonValueKind.Array ? m.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : null;
            keys.Add(new ApiKeyRecord(row.String("KeyId"), row.String("LastTarget").StartsWith("key:", StringComparison.Ordinal) ? row.String("LastTarget")[4..] : row.String("LastTarget"),
                scope, created, Sha256: string.Empty, Models: models));
        }

        return keys;
    }

    [LoggerMessage(EventId = 421, Level = LogLevel.Warning, Message = "Keys changed while no collector ran could not be compared with the audit log yet")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception);
}
