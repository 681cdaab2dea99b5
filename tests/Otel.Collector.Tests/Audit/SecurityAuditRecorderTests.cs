using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Otel.Collector.Audit;
using Otel.Collector.Security;

namespace Otel.Collector.Tests.Audit;

/// <summary>Denials are tallied per source and minute, with a bound on the sources a minute, on a fake clock.</summary>
public sealed class SecurityAuditRecorderTests
{
    [Fact]
    public async Task FlushAsync_ManySourcesInOneMinute_BoundedEntriesThatCountEveryDenial()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2025-06-01T12:00:10Z", System.Globalization.CultureInfo.InvariantCulture));
        var trail = new RecordingAuditTrail();
        var recorder = new SecurityAuditRecorder(trail, new AuditOptions { MaxDenialSubjectsPerMinute = 3 }, time, NullLogger<SecurityAuditRecorder>.Instance);
        for (var i = 0; i < 10_000; i++)
        {
            recorder.CountDenial(null, $"10.0.0.{i % 50}", DenialReason.Missing, "/api/runs");
        }

        await recorder.FlushAsync(all: false, TestContext.Current.CancellationToken);
        Assert.Empty(trail.Entries);

        time.Advance(TimeSpan.FromMinutes(1));
        await recorder.FlushAsync(all: false, TestContext.Current.CancellationToken);

        Assert.Equal(4, trail.Entries.Count);
        Assert.Equal(10_000, trail.Entries.Sum(e => e.Details!["count"]!.GetValue<long>()));
        Assert.Contains(trail.Entries, e => e.Actor == SecurityAuditRecorder.OtherSubjects);
        Assert.All(trail.Entries, e => Assert.Equal(("request.denied", "requests:2025-06-01T12:00Z"), (e.Action, e.Target)));
    }
}
