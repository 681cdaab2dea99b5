using System.Net.Http.Headers;
using System.Text.Json;

namespace Otel.Collector.Webhooks;

/// <summary>
/// Delivers one notification: POSTs the signed body, and on a network error, a timeout, 408, 429 or 5xx retries with
/// exponential backoff and jitter until <see cref="WebhookOptions.RetryFor"/> has passed. Any other answer is final
/// (a 4xx will not change by asking again). Never throws for the receiver's faults; only cancellation ends it early.
/// </summary>
internal sealed class WebhookSender(HttpClient http, WebhookOptions options, TimeProvider time, Random random)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The exact bytes sent, and signed.</summary>
    public static byte[] Body(WebhookEvent notification) => JsonSerializer.SerializeToUtf8Bytes(notification, Json);

    public async Task<WebhookOutcome> DeliverAsync(WebhookEvent notification, CancellationToken cancellationToken)
    {
        var url = options.Url ?? throw new InvalidOperationException("no webhook URL is configured");
        var body = Body(notification);
        var signature = WebhookSignature.Sign(options.Secret ?? string.Empty, body);
        var started = time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            var (status, error, retry) = await AttemptAsync(url, notification, body, signature, cancellationToken);
            if (error is null)
            {
                return new WebhookOutcome(true, attempt, status, null);
            }

            var delay = WebhookBackoff.Delay(attempt, options.InitialBackoff, options.MaxBackoff, random);
            if (!retry || time.GetElapsedTime(started) + delay > options.RetryFor)
            {
                return new WebhookOutcome(false, attempt, status, error);
            }

            await Task.Delay(delay, time, cancellationToken);
        }
    }

    private async Task<(int? Status, string? Error, bool Retry)> AttemptAsync(
        Uri url, WebhookEvent notification, byte[] body, string signature, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.SignatureHeader, signature);
        request.Headers.Add(WebhookSignature.TimestampHeader, time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.DeliveryHeader, notification.Id);
        request.Headers.Add(WebhookSignature.EventHeader, notification.Type);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(options.AttemptTimeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            var status = (int)response.StatusCode;
            return status switch
            {
                >= 200 and < 300 => (status, null, false),
                408 or 429 or >= 500 => (status, $"the receiver answered HTTP {status}", true),
                _ => (status, $"the receiver refused the notification with HTTP {status} (a wrong secret, URL or payload will not change by retrying)", false),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"no answer within {options.AttemptTimeout.TotalSeconds:0.###} s", true);
        }
        catch (HttpRequestException e)
        {
            return (null, e.Message, true);
        }
    }
}
