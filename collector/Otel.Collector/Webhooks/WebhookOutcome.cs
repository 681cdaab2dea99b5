namespace Otel.Collector.Webhooks;

/// <summary>How a notification ended: delivered (a 2xx answer) or not, after how many attempts, and the last answer or error.</summary>
internal sealed record WebhookOutcome(bool Delivered, int Attempts, int? LastStatus, string? LastError);
