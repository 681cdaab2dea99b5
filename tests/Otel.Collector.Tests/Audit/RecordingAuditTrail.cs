using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Otel.Collector.Audit;

namespace Otel.Collector.Tests.Audit;

/// <summary>An audit trail that keeps what it is given, for code that records outcomes in the background.</summary>
internal sealed class RecordingAuditTrail : IAuditTrail
{
    private int _count;

    public ConcurrentQueue<(string Actor, string Action, string Target, JsonObject? Details)> Entries { get; } = new();

    public Task<string> RecordAsync(string actor, string action, string target, JsonObject? details, CancellationToken cancellationToken)
    {
        Entries.Enqueue((actor, action, target, details));
        return Task.FromResult(Interlocked.Increment(ref _count).ToString(CultureInfo.InvariantCulture));
    }
}
