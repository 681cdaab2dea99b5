using System.Text.Json;
using System.Text.Json.Nodes;
using Otel.Collector.Artifacts;
using Otel.Collector.Audit;
using Otel.Collector.Query;
using Otel.Collector.Sinks.Rows;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Registry;

/// <summary>
/// Registers a version from a run and one of the artifacts it logged: the bytes must be in the artifact store and hash
/// to the logged SHA-256; the version freezes the run's provenance, dataset digests, params, latest metrics and
/// completeness and its training baseline (as <see cref="ModelBaseline"/> JSON; '' when the run had logged none); it is numbered max + 1; registering the same run and artifact content again answers the existing
/// version and writes nothing. The bytes are hashed before the <see cref="RegistryWriter"/> is taken (a large model
/// takes long, and every registry change waits for the one running); the idempotency check, the numbering and the
/// writes run under it.
/// </summary>
internal sealed class ModelRegistrar(RegistryWriter writer, RegistryQueries queries, RunQueries runs, RunBaselineQueries baselines, IArtifactStore artifacts, IAuditTrail audit)
{
    /// <summary>The version, and whether this call created it.</summary>
    /// <exception cref="RegistryRefusal">Bad input (400), unknown run or artifact (404), a running run or missing or corrupt bytes (409).</exception>
    /// <exception cref="RegistryWriterUnavailableException">Another collector holds the registry writer's lease.</exception>
    /// <exception cref="ArtifactStoreException">The artifact store could not be read.</exception>
    public async Task<(StoredVersion Version, bool Created)> RegisterAsync(string actor, string name, ModelRegistration request, CancellationToken cancellationToken)
    {
        Check(name, request);
        var run = await runs.GetRunAsync(request.RunId!, cancellationToken)
            ?? throw RegistryRefusal.NotFound($"unknown run id '{request.RunId}': list runs with `otel-track runs list`");
        var artifact = FindArtifact(run, request.Artifact!);
        if (await queries.FindRegisteredAsync(name, run.Id, artifact.Sha256, cancellationToken) is { } existing)
        {
            return (existing, false);
        }

        if (run.Status == "RUNNING")
        {
            throw RegistryRefusal.Conflict(
                $"run '{run.Id}' is still RUNNING: a version freezes the run's final metrics, so register it once the run has ended");
        }

        var size = await VerifyBytesAsync(artifact, cancellationToken);
        return await writer.WriteAsync(async (context, ct) =>
        {
            // Checked again under the writer: the same registration may have been made meanwhile.
            if (await queries.FindRegisteredAsync(name, run.Id, artifact.Sha256, ct) is { } raced)
            {
                return (raced, false);
            }

            return (await CommitAsync(context, actor, name, request, run, artifact with { Size = size }, ct), true);
        }, cancellationToken);
    }

    private async Task<StoredVersion> CommitAsync(
        RegistryWriteContext context, string actor, string name, ModelRegistration request, RunDetail run, ArtifactInfo artifact, CancellationToken cancellationToken)
    {
        var number = await queries.MaxVersionAsync(name, cancellationToken) + 1;
        var now = context.Now;
        var version = new ModelVersion
        {
            Name = name,
            Version = number,
            RunId = run.Id,
            Experiment = run.Experiment,
            Artifact = new ModelArtifact(artifact.Path, artifact.Sha256, artifact.Size),
            Provenance = new Dictionary<string, string>(run.Provenance, StringComparer.Ordinal),
            Params = new Dictionary<string, string>(run.Params, StringComparer.Ordinal),
            Metrics = new Dictionary<string, double>(run.Metrics, StringComparer.Ordinal),
            Datasets = [.. run.Datasets.Select(d => new ModelDataset(d.Name, d.Digest, d.Context))],
            Completeness = run.Completeness,
            Description = request.Description ?? "",
            Tags = request.Tags is null ? [] : new Dictionary<string, string>(request.Tags, StringComparer.Ordinal),
            CreatedBy = actor,
            CreatedAt = now,
            UpdatedAt = now,
        };

        await audit.RecordAsync(actor, AuditActions.ModelRegister, $"model:{name}/{number}", new JsonObject
        {
            ["runId"] = run.Id,
            ["artifactPath"] = artifact.Path,
            ["sha256"] = artifact.Sha256,
            ["completeness"] = run.Completeness,
        }, cancellationToken);
        var batch = new RowBatch();
        if (await queries.GetModelAsync(name, cancellationToken) is null)
        {
            RegistryRows.WriteModel(batch, new StoredModel(name, "", new Dictionary<string, string>(), actor, now, now));
        }

        var stored = new StoredVersion(version, await FrozenBaselineAsync(name, number, run.Id, cancellationToken));
        RegistryRows.WriteVersion(batch, stored);
        await context.WriteAsync(batch, cancellationToken);
        return stored;
    }

    /// <summary>The run's baselines as they are now, as JSON; a baseline the run logs later does not change the version.</summary>
    private async Task<string> FrozenBaselineAsync(string name, long number, string runId, CancellationToken cancellationToken)
    {
        var distributions = await baselines.ForRunAsync(runId, cancellationToken);
        return distributions.Count == 0
            ? ""
            : JsonSerializer.Serialize(new ModelBaseline { Name = name, Version = number, RunId = runId, Distributions = distributions }, QueryJson.Options);
    }

    private static void Check(string name, ModelRegistration request)
    {
        ModelNames.CheckModel(name);
        if (string.IsNullOrWhiteSpace(request.RunId) || string.IsNullOrWhiteSpace(request.Artifact))
        {
            throw RegistryRefusal.BadInput("a registration needs runId and artifact (a path the run logged, or its sha256): {\"runId\": \"…\", \"artifact\": \"model.onnx\"}");
        }

        ModelNames.CheckDescription(request.Description);
        ModelNames.CheckTags(request.Tags);
    }

    /// <summary>The run's artifact logged under <paramref name="reference"/> as a path, else as a SHA-256.</summary>
    private static ArtifactInfo FindArtifact(RunDetail run, string reference)
    {
        var byPath = run.Artifacts.FirstOrDefault(a => a.Path == reference);
        if (byPath is not null)
        {
            return byPath;
        }

        if (ArtifactKey.TryNormalize(reference, out var sha256) && run.Artifacts.FirstOrDefault(a => a.Sha256 == sha256) is { } bySha)
        {
            return bySha;
        }

        var logged = run.Artifacts.Count == 0 ? "it logged none" : "it logged: " + string.Join(", ", run.Artifacts.Select(a => a.Path));
        throw RegistryRefusal.NotFound($"run '{run.Id}' logged no artifact '{reference}' ({logged}); register one of the run's own artifacts");
    }

    /// <summary>Reads the stored bytes through the store's verification and returns their size.</summary>
    private async Task<long> VerifyBytesAsync(ArtifactInfo artifact, CancellationToken cancellationToken)
    {
        try
        {
            await using var verified = await artifacts.OpenVerifiedAsync(artifact.Sha256, cancellationToken)
                ?? throw RegistryRefusal.Conflict(
                    $"the bytes of artifact '{artifact.Path}' ({artifact.Sha256}) are not in the artifact store: upload them (the SDK's LogArtifactAsync does) and register again");
            return verified.Length;
        }
        catch (ArtifactCorruptException e)
        {
            throw RegistryRefusal.Conflict($"artifact '{artifact.Path}' cannot be registered: {e.Message} Upload the original bytes again, then register.");
        }
    }
}
