using System.Text.Json;
using Otel.Collector.Sinks.Rows;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Registry.Governance;

/// <summary>The rows of the governance tables of migration 0010; times are unix milliseconds (DateTime64(3) columns).</summary>
internal static class GovernanceRows
{
    public static void WriteGate(RowBatch batch, string name, GateDefinitionRecord gate, bool deleted)
    {
        var rows = batch.For(StorageTable.MlModelGates);
        var json = rows.BeginRow();
        json.WriteString("Name", name);
        json.WriteString("Alias", gate.Alias);
        json.WriteNumber("MinApprovals", gate.MinApprovals);
        if (gate.MinCompleteness is { } completeness)
        {
            json.WriteFloat("MinCompleteness", completeness);
        }
        else
        {
            json.WriteNull("MinCompleteness");
        }

        json.WriteNumber("RequireCleanTree", gate.RequireCleanTree ? 1 : 0);
        WriteStrings(json, "RequiredDatasets", gate.RequiredDatasets);
        WriteStrings(json, "MetricConditions", gate.Metrics);
        json.WriteNumber("Deleted", deleted ? 1 : 0);
        json.WriteString("UpdatedBy", gate.UpdatedBy);
        json.WriteNumber("UpdatedAt", gate.UpdatedAt.ToUnixTimeMilliseconds());
        rows.EndRow();
    }

    public static void WriteApproval(RowBatch batch, string name, ApprovalRecord approval)
    {
        var rows = batch.For(StorageTable.MlModelApprovals);
        var json = rows.BeginRow();
        json.WriteString("Name", name);
        json.WriteNumber("Version", approval.Version);
        json.WriteString("Alias", approval.Alias);
        json.WriteString("Decision", approval.Decision);
        json.WriteString("Actor", approval.Actor);
        json.WriteString("Comment", approval.Comment);
        json.WriteNumber("DecidedAt", approval.DecidedAt.ToUnixTimeMilliseconds());
        json.WriteString("AuditEntryId", approval.AuditEntryId);
        rows.EndRow();
    }

    public static void WritePromotion(RowBatch batch, string name, PromotionRecord promotion)
    {
        var rows = batch.For(StorageTable.MlModelPromotions);
        var json = rows.BeginRow();
        json.WriteString("Name", name);
        json.WriteNumber("Version", promotion.Version);
        json.WriteString("Alias", promotion.Alias);
        json.WriteNumber("PreviousVersion", promotion.PreviousVersion);
        json.WriteNumber("Promoted", promotion.Promoted ? 1 : 0);
        json.WriteNumber("Forced", promotion.Forced ? 1 : 0);
        json.WriteString("Actor", promotion.Actor);
        json.WriteNumber("At", promotion.At.ToUnixTimeMilliseconds());
        json.WriteString("Verdicts", JsonSerializer.Serialize(promotion.Gates, QueryJson.Options));
        json.WriteString("AuditEntryId", promotion.AuditEntryId);
        rows.EndRow();
    }

    public static void WriteDeployment(RowBatch batch, DeploymentRecord deployment)
    {
        var rows = batch.For(StorageTable.MlModelDeployments);
        var json = rows.BeginRow();
        json.WriteString("Name", deployment.Name);
        json.WriteNumber("Version", deployment.Version);
        json.WriteString("Environment", deployment.Environment);
        json.WriteString("DeployedBy", deployment.DeployedBy);
        json.WriteNumber("DeployedAt", deployment.DeployedAt.ToUnixTimeMilliseconds());
        json.WriteString("Source", deployment.Source);
        json.WriteString("AuditEntryId", deployment.AuditEntryId);
        rows.EndRow();
    }

    private static void WriteStrings(Utf8JsonWriter json, string column, IEnumerable<string> values)
    {
        json.WriteStartArray(column);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
