using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Otel.Collector.Audit;
using Otel.Collector.Sinks.Rows;
using Otel.Collector.Webhooks;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Registry.Governance;

/// <summary>Records a deployment of a version to an environment (source <c>api</c>), audited and announced to the webhook.</summary>
internal sealed partial class Deployments(RegistryWriter writer, RegistryQueries registry, IAuditTrail audit, WebhookNotifier webhook)
{
    /// <summary>Recorded by a command or an API call; serving telemetry (issue 10) records <c>telemetry</c>.</summary>
    public const string ApiSource = "api";

    /// <exception cref="RegistryRefusal">Bad environment (400), unknown model or version (404), archived version (409).</exception>
    public Task<DeploymentRecord> DeployAsync(string actor, string name, long version, string? environment, CancellationToken cancellationToken)
    {
        if (environment is null || !EnvironmentPattern().IsMatch(environment))
        {
            throw RegistryRefusal.BadInput($"'{environment}' is not an environment: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. production, eu-west-1)");
        }

        return writer.WriteAsync(async (context, ct) =>
        {
            var stored = await GovernanceChecks.RequireVersionAsync(registry, name, version, ct);
            if (stored.Version.Archived)
            {
                throw RegistryRefusal.Conflict($"version {version} of '{name}' is archived: unarchive it before recording a deployment of it");
            }

            var details = new JsonObject { ["environment"] = environment, ["source"] = ApiSource };
            var entry = await audit.RecordAsync(actor, AuditActions.DeploymentRecord, $"model:{name}/{version}", details, ct);
            var record = new DeploymentRecord
            {
                Name = name, Version = version, Environment = environment, DeployedBy = actor, DeployedAt = context.Now, Source = ApiSource, AuditEntryId = entry,
            };
            var batch = new RowBatch();
            GovernanceRows.WriteDeployment(batch, record);
            await context.WriteAsync(batch, ct);
            webhook.Notify(WebhookEvent.ForDeployment(record));
            return record;
        }, cancellationToken);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex EnvironmentPattern();
}
