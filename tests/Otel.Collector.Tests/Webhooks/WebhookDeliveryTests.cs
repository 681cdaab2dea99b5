using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Otel.Collector.Audit;
using Otel.Collector.Tests.Infrastructure;
using Otel.Collector.Tests.Audit;
using Otel.Collector.Webhooks;

namespace Otel.Collector.Tests.Webhooks;

/// <summary>Notifications to a real HTTP receiver on loopback: signature, retries, and outcomes in the audit log.</summary>
public sealed class WebhookDeliveryTests
{
    private const string Secret = "a-webhook-secret-of-some-length";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deliver_ToAReceiver_SignatureOverTheExactBodyVerifiesWithTheSecret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var notification = Event();

        var outcome = await Sender(receiver.Url).DeliverAsync(notification, Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

        Assert.Equal(new WebhookOutcome(true, 1, 200, null), outcome);
        var request = Assert.Single(receiver.Requests);
        Assert.True(WebhookSignature.Verify(Secret, request.Body, request.Headers[WebhookSignature.SignatureHeader]));
        Assert.False(WebhookSignature.Verify("another-secret-entirely", request.Body, request.Headers[WebhookSignature.SignatureHeader]));
        Assert.Equal("sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), request.Body)),
            request.Headers[WebhookSignature.SignatureHeader]);
        Assert.Equal(notification.Id, request.Headers[WebhookSignature.DeliveryHeader]);
        Assert.Equal("alias.moved", request.Headers[WebhookSignature.EventHeader]);
        Assert.True(long.TryParse(request.Headers[WebhookSignature.TimestampHeader], System.Globalization.CultureInfo.InvariantCulture, out _));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(("churn", "production", 3L, 2L, "promote"), (body.RootElement.GetProperty("model").GetString(), body.RootElement.GetProperty("alias").GetString(),
            body.RootElement.GetProperty("version").GetInt64(), body.RootElement.GetProperty("previousVersion").GetInt64(), body.RootElement.GetProperty("reason").GetString()));
        Assert.False(body.RootElement.TryGetProperty("environment", out _));
    }

    [Fact]
    public async Task Deliver_A500ThenA200_RetriedAndDeliveredWithTheSameIdAndBody()
    {
        await using var receiver = await WebhookReceiver.StartAsync(500, 503);

        var outcome = await Sender(receiver.Url).DeliverAsync(Event(), Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

        Assert.Equal(new WebhookOutcome(true, 3, 200, null), outcome);
        var requests = receiver.Requests.ToList();
        Assert.Equal(3, requests.Count);
        Assert.Single(requests.Select(r => r.Headers[WebhookSignature.DeliveryHeader]).Distinct());
        Assert.All(requests, r => Assert.Equal(requests[0].Body, r.Body));
    }

    [Fact]
    public async Task Deliver_A400_NotRetried()
    {
        await using var receiver = await WebhookReceiver.StartAsync(400);

        var outcome = await Sender(receiver.Url).DeliverAsync(Event(), Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

        Assert.False(outcome.Delivered);
        Assert.Equal((1, 400), (outcome.Attempts, outcome.LastStatus));
        Assert.Contains("HTTP 400", outcome.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_ADeadEndpoint_RetriedForTheBoundedTimeThenFailed()
    {
        var options = Options(WebhookReceiver.Dead());
        options.RetryFor = TimeSpan.FromMilliseconds(300);

        var outcome = await Sender(options).DeliverAsync(Event(), Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

        Assert.False(outcome.Delivered);
        Assert.True(outcome.Attempts > 1, $"{outcome.Attempts} attempt(s)");
        Assert.Null(outcome.LastStatus);
        Assert.NotNull(outcome.LastError);
    }

    [Fact]
    public async Task Notifier_DeliveredAndFailed_EachOutcomeAudited()
    {
        await using var receiver = await WebhookReceiver.StartAsync(500);
        var trail = new RecordingAuditTrail();
        using var good = await StartNotifierAsync(Options(receiver.Url), trail);
        var dead = Options(WebhookReceiver.Dead());
        dead.RetryFor = TimeSpan.FromMilliseconds(200);
        using var bad = await StartNotifierAsync(dead, trail);

        good.Notify(Event());
        bad.Notify(Event() with { Type = WebhookEvent.DeploymentRecorded, Alias = null, PreviousVersion = null, Reason = null, Environment = "prod" });
        await Eventually.UntilAsync(() => trail.Entries.Count == 2, "both outcomes recorded", TestTimeouts.Default);

        var delivered = Assert.Single(trail.Entries, e => e.Action == AuditActions.WebhookDelivered);
        Assert.Equal(("system:webhook", "model:churn@production"), (delivered.Actor, delivered.Target));
        Assert.Equal(2, (int)delivered.Details!["attempts"]!);
        Assert.Equal(receiver.Url.ToString(), (string)delivered.Details!["url"]!);
        var failed = Assert.Single(trail.Entries, e => e.Action == AuditActions.WebhookFailed);
        Assert.Equal(("system:webhook", "model:churn/3"), (failed.Actor, failed.Target));
        Assert.Equal("deployment.recorded", (string)failed.Details!["event"]!);
        Assert.NotNull(failed.Details!["error"]);
    }

    [Fact]
    public async Task Notify_WhileTheReceiverHangs_ReturnsAtOnce()
    {
        var hanging = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        hanging.Start();
        try
        {
            var options = Options(new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)hanging.LocalEndpoint).Port}/hook"));
            using var notifier = await StartNotifierAsync(options, new RecordingAuditTrail());
            var started = TimeProvider.System.GetTimestamp();

            for (var i = 0; i < 100; i++)
            {
                notifier.Notify(Event());
            }

            Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(1));
            await notifier.StopAsync(Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);
        }
        finally
        {
            hanging.Stop();
        }
    }

    [Theory]
    [InlineData(null, "a-webhook-secret-of-some-length", 0)]
    [InlineData("http://127.0.0.1:9/hook", "a-webhook-secret-of-some-length", 0)]
    [InlineData("http://127.0.0.1:9/hook", null, 1)]
    [InlineData("http://127.0.0.1:9/hook", "short", 1)]
    [InlineData("ftp://127.0.0.1/hook", "a-webhook-secret-of-some-length", 1)]
    public void Validate_UrlAndSecret_ErrorsNameTheFlags(string? url, string? secret, int errors)
    {
        var options = new WebhookOptions { Url = url is null ? null : new Uri(url), Secret = secret };

        var found = options.Validate().ToList();

        Assert.Equal(errors, found.Count);
        Assert.All(found, e => Assert.Contains("--webhook-", e, StringComparison.Ordinal));
    }

    [Fact]
    public void Backoff_Doubling_CappedAndJitteredInTheUpperHalf()
    {
        var random = new Random(7);
        for (var retry = 1; retry <= 40; retry++)
        {
            var ceiling = Math.Min(100 * Math.Pow(2, Math.Min(retry - 1, 30)), 5_000);
            var delay = WebhookBackoff.Delay(retry, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), random).TotalMilliseconds;
            Assert.InRange(delay, ceiling / 2, ceiling);
        }
    }

    private static async Task<WebhookNotifier> StartNotifierAsync(WebhookOptions options, IAuditTrail trail)
    {
        var notifier = new WebhookNotifier(options, Sender(options), trail, NullLogger<WebhookNotifier>.Instance);
        await notifier.StartAsync(Cancellation);
        return notifier;
    }

    private static WebhookOptions Options(Uri url) => new()
    {
        Url = url,
        Secret = Secret,
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(100),
        RetryFor = TimeSpan.FromSeconds(20),
        AttemptTimeout = TimeSpan.FromSeconds(5),
    };

    private static WebhookSender Sender(Uri url) => Sender(Options(url));

    private static WebhookSender Sender(WebhookOptions options) =>
        new(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, options, TimeProvider.System, new Random(1));

    private static WebhookEvent Event() => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Type = WebhookEvent.AliasMoved,
        OccurredAt = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero),
        Model = "churn",
        Version = 3,
        Alias = "production",
        PreviousVersion = 2,
        Reason = "promote",
        Actor = "alice",
        AuditEntryId = "e1",
    };
}
