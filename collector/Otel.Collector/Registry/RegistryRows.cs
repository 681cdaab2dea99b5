using System.Text.Json;
using Otel.Collector.Sinks.Rows;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Registry;

/// <summary>The rows of the registry's own tables (migration 0010); times are unix milliseconds (DateTime64(3) columns).</summary>
internal static class RegistryRows
{
    public static void WriteModel(RowBatch batch, StoredModel model)
    {
        var rows = batch.For(StorageTable.MlModels);
        var json = rows.BeginRow();
        json.WriteString("Name", model.Name);
        json.WriteString("Description", model.Description);
        WriteMap(json, "Tags", model.Tags);
        json.WriteString("CreatedBy", model.CreatedBy);
        json.WriteNumber("CreatedAt", model.CreatedAt.ToUnixTimeMilliseconds());
        json.WriteNumber("UpdatedAt", model.UpdatedAt.ToUnixTimeMilliseconds());
        rows.EndRow();
    }

    public static void WriteVersion(RowBatch batch, StoredVersion stored)
    {
        var version = stored.Version;
        var rows = batch.For(StorageTable.MlModelVersions);
        var json = rows.BeginRow();
        json.WriteString("Name", version.Name);
        json.WriteNumber("Version", version.Version);
        json.WriteString("RunId", version.RunId);
        json.WriteString("Experiment", version.Experiment);
        json.WriteString("ArtifactPath", version.Artifact.Path);
        json.WriteString("ArtifactSha256", version.Artifact.Sha256);
        json.WriteNumber("ArtifactSize", version.Artifact.Size);
        WriteMap(json, "Provenance", version.Provenance);
        WriteMap(json, "Params", version.Params);
        json.WriteStartObject("Metrics");
        foreach (var (key, value) in version.Metrics)
        {
            json.WritePropertyName(key);
            json.WriteFloatValue(value);
        }

        json.WriteEndObject();
        json.WriteString("Datasets", JsonSerializer.Serialize(version.Datasets, QueryJson.Options));
        if (version.Completeness is { } completeness)
        {
            json.WriteFloat("Completeness", completeness);
        }
        else
        {
            json.WriteNull("Completeness");
        }

        json.WriteString("Baseline", stored.Baseline);
        json.WriteString("Description", version.Description);
        WriteMap(json, "Tags", version.Tags);
        json.WriteNumber("Archived", version.Archived ? 1 : 0);
        json.WriteString("CreatedBy", version.CreatedBy);
        json.WriteNumber("CreatedAt", version.CreatedAt.ToUnixTimeMilliseconds());
        json.WriteNumber("UpdatedAt", version.UpdatedAt.ToUnixTimeMilliseconds());
        rows.EndRow();
    }

    public static void WriteAliasMove(RowBatch batch, string name, ModelAliasMove move)
    {
        var rows = batch.For(StorageTable.MlModelAliasMoves);
        var json = rows.BeginRow();
        json.WriteString("Name", name);
        json.WriteString("Alias", move.Alias);
        json.WriteNumber("Version", move.Version);
        json.WriteNumber("PreviousVersion", move.PreviousVersion);
        json.WriteNumber("MovedAt", move.MovedAt.ToUnixTimeMilliseconds());
        json.WriteString("MovedBy", move.MovedBy);
        json.WriteString("Reason", move.Reason);
        json.WriteString("AuditEntryId", move.AuditEntryId);
        rows.EndRow();
    }

    private static void WriteMap(Utf8JsonWriter json, string column, IReadOnlyDictionary<string, string> map) =>
        json.WriteMap(column, [.. map]);
}
