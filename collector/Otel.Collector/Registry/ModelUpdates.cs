using System.Text.Json.Nodes;
using Otel.Collector.Audit;
using Otel.Collector.Sinks.Rows;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Registry;

/// <summary>
/// Changes a model's or a version's description and tags, and a version's archived flag, inside a
/// <see cref="RegistryWriter"/> change: the whole row is written again with a newer UpdatedAt (frozen columns copied
/// unchanged) and the change is audited. A change that changes nothing writes nothing.
/// </summary>
internal sealed class ModelUpdates(RegistryQueries queries, IAuditTrail audit)
{
    /// <exception cref="RegistryRefusal">Bad input (400), unknown model (404).</exception>
    public async Task<StoredModel> UpdateModelAsync(RegistryWriteContext context, string actor, string name, ModelChange change, CancellationToken cancellationToken)
    {
        ModelNames.CheckModel(name);
        if (change.Archived is not null)
        {
            throw RegistryRefusal.BadInput("archived applies to versions, not to a model: PATCH /api/models/NAME/versions/VERSION {\"archived\": true}");
        }

        CheckText(change);
        var model = await queries.GetModelAsync(name, cancellationToken) ?? throw UnknownModel(name);
        var updated = model with
        {
            Description = change.Description ?? model.Description,
            Tags = change.Tags ?? model.Tags,
        };
        if (updated.Description == model.Description && SameTags(updated.Tags, model.Tags))
        {
            return model;
        }

        updated = updated with { UpdatedAt = context.After(model.UpdatedAt) };
        await audit.RecordAsync(actor, AuditActions.ModelUpdate, $"model:{name}", Details(change), cancellationToken);
        var batch = new RowBatch();
        RegistryRows.WriteModel(batch, updated);
        await context.WriteAsync(batch, cancellationToken);
        return updated;
    }

    /// <exception cref="RegistryRefusal">Bad input (400), unknown model or version (404), archiving a version an alias points at (409).</exception>
    public async Task<StoredVersion> UpdateVersionAsync(
        RegistryWriteContext context, string actor, string name, long number, ModelChange change, CancellationToken cancellationToken)
    {
        ModelNames.CheckModel(name);
        CheckText(change);
        var stored = await queries.GetVersionAsync(name, number, cancellationToken) ?? throw UnknownVersion(name, number);
        var version = stored.Version;
        if (change.Archived == true && !version.Archived)
        {
            var pointing = (await queries.AliasesAsync(name, cancellationToken)).Where(a => a.Value == number).Select(a => a.Key).ToList();
            if (pointing.Count > 0)
            {
                throw RegistryRefusal.Conflict(
                    $"version {number} of '{name}' cannot be archived: alias {string.Join(", ", pointing)} points at it; move or delete the alias first");
            }
        }

        var updated = version with
        {
            Description = change.Description ?? version.Description,
            Tags = change.Tags is null ? version.Tags : new Dictionary<string, string>(change.Tags, StringComparer.Ordinal),
            Archived = change.Archived ?? version.Archived,
        };
        if (updated.Description == version.Description && SameTags(updated.Tags, version.Tags) && updated.Archived == version.Archived)
        {
            return stored;
        }

        updated = updated with { UpdatedAt = context.After(version.UpdatedAt) };
        await audit.RecordAsync(actor, AuditActions.ModelVersionUpdate, $"model:{name}/{number}", Details(change), cancellationToken);
        var rewritten = stored with { Version = updated };
        var batch = new RowBatch();
        RegistryRows.WriteVersion(batch, rewritten);
        await context.WriteAsync(batch, cancellationToken);
        return rewritten;
    }

    public static RegistryRefusal UnknownModel(string name) =>
        RegistryRefusal.NotFound($"unknown model '{name}': list models with `otel-track models list`");

    public static RegistryRefusal UnknownVersion(string name, long number) =>
        RegistryRefusal.NotFound($"model '{name}' has no version {number}: list its versions with `otel-track models show {name}`");

    private static void CheckText(ModelChange change)
    {
        ModelNames.CheckDescription(change.Description);
        ModelNames.CheckTags(change.Tags);
    }

    private static bool SameTags(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var value) && value == kv.Value);

    private static JsonObject Details(ModelChange change)
    {
        var details = new JsonObject();
        if (change.Description is not null)
        {
            details["description"] = change.Description;
        }

        if (change.Tags is not null)
        {
            details["tags"] = new JsonObject(change.Tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value)));
        }

        if (change.Archived is not null)
        {
            details["archived"] = change.Archived;
        }

        return details;
    }
}
