using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Otel.Collector.Audit;

namespace Otel.Collector.Webhooks;

/// <summary>
/// Announces alias moves and deployments to the configured webhook without ever holding up the request that caused
/// them: <see cref="Notify"/> only queues. Deliveries run in the background, several at once (so one slow notification
/// does not hold up the next), and each outcome is written to the audit log as <c>webhook.delivered</c> or
/// <c>webhook.failed</c>. The queue lives in memory: notifications still undelivered when the collector stops are lost.
/// </summary>
internal sealed partial class WebhookNotifier(WebhookOptions options, WebhookSender sender, IAuditTrail audit, ILogger<WebhookNotifier> logger) : BackgroundService
{
    public const string Actor = "system:webhook";

    private const int MaxInFlight = 4;

    private readonly Channel<WebhookEvent> _queue = Channel.CreateBounded<WebhookEvent>(
        new BoundedChannelOptions(Math.Max(1, options.MaxQueued)) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public bool Enabled => options.Url is not null;

    /// <summary>Queues <paramref name="notification"/> and returns at once; a no-op without a webhook URL.</summary>
    public void Notify(WebhookEvent notification)
    {
        if (!Enabled)
        {
            return;
        }

        if (!_queue.Writer.TryWrite(notification))
        {
            _ = RecordAsync(notification, new WebhookOutcome(false, 0, null, $"more than {options.MaxQueued} notifications were waiting"), CancellationToken.None);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(MaxInFlight);
        var running = new List<Task>();
        try
        {
            await foreach (var notification in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await slots.WaitAsync(stoppingToken);
                running.RemoveAll(t => t.IsCompleted);
                running.Add(DeliverAsync(notification, slots, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: deliveries in flight end with the token.
        }

        await Task.WhenAll(running);
    }

    private async Task DeliverAsync(WebhookEvent notification, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            var outcome = await sender.DeliverAsync(notification, stoppingToken);
            await RecordAsync(notification, outcome, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogAbandoned(logger, notification.Id, notification.Type);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task RecordAsync(WebhookEvent notification, WebhookOutcome outcome, CancellationToken cancellationToken)
    {
        var details = new JsonObject
        {
            ["deliveryId"] = notification.Id,
            ["event"] = notification.Type,
            ["url"] = Redacted(options.Url!),
            ["attempts"] = outcome.Attempts,
            ["occurredAt"] = notification.OccurredAt.ToString("O", CultureInfo.InvariantCulture),
        };
        if (outcome.LastStatus is { } status)
        {
            details["status"] = status;
        }

        if (outcome.LastError is { } error)
        {
            details["error"] = error;
            LogFailed(logger, notification.Id, notification.Type, outcome.Attempts, error);
        }

        try
        {
            await audit.RecordAsync(Actor, outcome.Delivered ? AuditActions.WebhookDelivered : AuditActions.WebhookFailed, notification.Target, details, cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            LogUnrecorded(logger, notification.Id, e);
        }
    }

    /// <summary>The URL as the audit log keeps it: no user info, query or fragment, which may carry a token.</summary>
    private static string Redacted(Uri url) => url.GetLeftPart(UriPartial.Path).Replace(url.UserInfo + "@", string.Empty, StringComparison.Ordinal);

    [LoggerMessage(EventId = 910, Level = LogLevel.Warning, Message = "Webhook notification {DeliveryId} ({Event}) failed after {Attempts} attempt(s): {Error}")]
    private static partial void LogFailed(ILogger logger, string deliveryId, string @event, int attempts, string error);

    [LoggerMessage(EventId = 911, Level = LogLevel.Warning, Message = "Webhook notification {DeliveryId} ({Event}) abandoned: the collector is stopping")]
    private static partial void LogAbandoned(ILogger logger, string deliveryId, string @event);

    [LoggerMessage(EventId = 912, Level = LogLevel.Error, Message = "The outcome of webhook notification {DeliveryId} could not be written to the audit log")]
    private static partial void LogUnrecorded(ILogger logger, string deliveryId, Exception exception);
}
