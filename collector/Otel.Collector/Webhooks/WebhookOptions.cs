namespace Otel.Collector.Webhooks;

/// <summary>
/// Where alias moves and deployments are announced (docs/governance.md, "Webhook"). Off unless <see cref="Url"/> is set;
/// then <see cref="Secret"/> is required.
/// </summary>
internal sealed class WebhookOptions
{
    /// <summary>The receiver (<c>serve --webhook-url</c>), http or https. Default: none, no notifications.</summary>
    public Uri? Url { get; set; }

    /// <summary>
    /// The HMAC-SHA256 key the receiver verifies with, at least <see cref="MinSecretLength"/> characters: from
    /// <c>serve --webhook-secret-file PATH</c> or <c>OTEL_TRACK_WEBHOOK_SECRET</c>, never a flag in clear.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>How long one attempt may take before it counts as failed. Default 10 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait before the first retry; each retry doubles it, with jitter, up to <see cref="MaxBackoff"/>. Default 1 s.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts. Default 1 min.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>After this long since the first attempt no retry starts and the delivery is recorded as failed. Default 10 min.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Notifications waiting for delivery, at most; beyond it a notification is recorded as failed at once. Default 10,000.</summary>
    public int MaxQueued { get; set; } = 10_000;

    public const int MinSecretLength = 16;

    /// <summary>Every configuration error, each naming the flag or variable to fix.</summary>
    public IEnumerable<string> Validate()
    {
        if (Url is null)
        {
            yield break;
        }

        if (!Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps))
        {
            yield return $"--webhook-url '{Url}' is not an absolute http:// or https:// URL";
        }

        if (string.IsNullOrEmpty(Secret) || Secret.Length < MinSecretLength)
        {
            yield return $"--webhook-url needs a secret of at least {MinSecretLength} characters to sign with: put it in a file given by --webhook-secret-file PATH, or in OTEL_TRACK_WEBHOOK_SECRET";
        }

        if (AttemptTimeout <= TimeSpan.Zero || InitialBackoff <= TimeSpan.Zero || MaxBackoff < InitialBackoff || RetryFor < TimeSpan.Zero || MaxQueued < 1)
        {
            yield return "the webhook needs a positive attempt timeout, initial backoff, queue size, and a maximum backoff no shorter than the initial one";
        }
    }
}
