using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Otel.Collector.Audit;

namespace Otel.Collector.Security;

/// <summary>
/// Writes the security events of the audit log (docs/audit.md, "What is logged"): keys that appear in or leave the key
/// file, and denied requests aggregated per key (or, without a known key, per remote address) and minute, so that a
/// flood of denials makes at most <see cref="AuditOptions.MaxDenialSubjectsPerMinute"/> + 1 entries a minute. Counting
/// is in memory and cheap on the request path; entries are recorded every <see cref="AuditOptions.DenialFlushInterval"/>
/// for the minutes that have ended, and for every minute when the collector stops.
/// </summary>
internal sealed partial class SecurityAuditRecorder(IAuditTrail trail, AuditOptions options, TimeProvider time, ILogger<SecurityAuditRecorder> logger)
    : BackgroundService
{
    /// <summary>The actor of key revocations: the key file does not say who removed a key.</summary>
    public const string KeysFileActor = "system:keys-file";

    /// <summary>The actor under which denials beyond the per-minute bound of distinct subjects are counted.</summary>
    public const string OtherSubjects = "remote:other";

    private const int MaxPathsPerEntry = 5;

    private readonly Lock _lock = new();
    private readonly Dictionary<(long Minute, string Subject), DenialTally> _denials = [];
    private readonly List<(string Action, string Actor, ApiKeyRecord Key)> _keyChanges = [];

    /// <summary>Counts one denied request; <paramref name="keyName"/> when the key was known (a scope denial).</summary>
    public void CountDenial(string? keyName, string remoteAddress, DenialReason reason, string path)
    {
        var minute = time.GetUtcNow().ToUnixTimeSeconds() / 60;
        var subject = keyName ?? "remote:" + remoteAddress;
        lock (_lock)
        {
            if (!_denials.TryGetValue((minute, subject), out var tally))
            {
                if (_denials.Keys.Count(k => k.Minute == minute) >= options.MaxDenialSubjectsPerMinute)
                {
                    subject = OtherSubjects;
                }

                if (!_denials.TryGetValue((minute, subject), out tally))
                {
                    _denials[(minute, subject)] = tally = new DenialTally();
                }
            }

            tally.Add(reason.Tag(), path, MaxPathsPerEntry);
        }
    }

    /// <summary>Queues entries for the keys that differ between <paramref name="previous"/> and <paramref name="next"/>.</summary>
    public void KeysChanged(ApiKeySet previous, ApiKeySet next)
    {
        var before = previous.Records.ToDictionary(k => k.Id, StringComparer.Ordinal);
        var after = next.Records.ToDictionary(k => k.Id, StringComparer.Ordinal);
        lock (_lock)
        {
            foreach (var key in after.Values.Where(k => !before.ContainsKey(k.Id)))
            {
                _keyChanges.Add((AuditActions.KeyCreate, key.CreatedBy is { Length: > 0 } user ? user : KeysFileActor, key));
            }

            foreach (var key in before.Values.Where(k => !after.ContainsKey(k.Id)))
            {
                _keyChanges.Add((AuditActions.KeyRevoke, KeysFileActor, key));
            }
        }
    }

    /// <summary>Records queued key changes and the denials of ended minutes (of every minute with <paramref name="all"/>).</summary>
    public async Task FlushAsync(bool all, CancellationToken cancellationToken)
    {
        var current = time.GetUtcNow().ToUnixTimeSeconds() / 60;
        List<(string Action, string Actor, ApiKeyRecord Key)> keys;
        List<KeyValuePair<(long Minute, string Subject), DenialTally>> denials;
        lock (_lock)
        {
            keys = [.. _keyChanges];
            _keyChanges.Clear();
            denials = [.. _denials.Where(d => all || d.Key.Minute < current)];
            foreach (var denial in denials)
            {
                _denials.Remove(denial.Key);
            }
        }

        foreach (var (action, actor, key) in keys)
        {
            var details = new JsonObject { ["id"] = key.Id, ["scope"] = key.Scope.Name(), ["created"] = key.Created.ToString("O", CultureInfo.InvariantCulture) };
            if (key.IsRestricted)
            {
                details["models"] = new JsonArray([.. key.Models!.Select(m => JsonValue.Create(m))]);
            }

            await trail.RecordAsync(actor, action, "key:" + key.Name, details, cancellationToken);
        }

        foreach (var ((minute, subject), tally) in denials.OrderBy(d => d.Key.Minute).ThenBy(d => d.Key.Subject, StringComparer.Ordinal))
        {
            var start = DateTimeOffset.FromUnixTimeSeconds(minute * 60).ToString("yyyy-MM-ddTHH:mm'Z'", CultureInfo.InvariantCulture);
            await trail.RecordAsync(subject, AuditActions.RequestDenied, "requests:" + start, tally.ToDetails(start), cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.DenialFlushInterval, time, stoppingToken);
                await FlushAsync(all: false, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failure here must never stop the host; the next pass tries again.
                LogFlushFailed(logger, ex);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await FlushAsync(all: true, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            LogFlushFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 420, Level = LogLevel.Warning, Message = "Security events could not be written to the audit log")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);

    /// <summary>Denials of one subject in one minute.</summary>
    private sealed class DenialTally
    {
        private readonly SortedDictionary<string, long> _reasons = new(StringComparer.Ordinal);
        private readonly SortedSet<string> _paths = new(StringComparer.Ordinal);
        private long _count;

        public void Add(string reason, string path, int maxPaths)
        {
            _count++;
            _reasons[reason] = _reasons.GetValueOrDefault(reason) + 1;
            if (_paths.Count < maxPaths)
            {
                _paths.Add(path);
            }
        }

        public JsonObject ToDetails(string minute)
        {
            var reasons = new JsonObject();
            foreach (var (reason, count) in _reasons)
            {
                reasons[reason] = count;
            }

            return new JsonObject
            {
                ["minute"] = minute,
                ["count"] = _count,
                ["reasons"] = reasons,
                ["paths"] = new JsonArray([.. _paths.Select(p => (JsonNode?)JsonValue.Create(p))]),
            };
        }
    }
}
