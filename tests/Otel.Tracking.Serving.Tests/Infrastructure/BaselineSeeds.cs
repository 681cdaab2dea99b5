using System.Net.Http.Json;
using System.Text.Json;
using Otel.Collector.Registry;
using Otel.Collector.Sinks.Rows;
using Otel.Collector.Tests.Registry;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Registry;

namespace Otel.Tracking.Serving.Tests.Infrastructure;

/// <summary>
/// A model version registered through the real registry (a run with an artifact, then POST /api/models/NAME/versions),
/// whose frozen baseline is then seeded: the version's row is written again, newer, with <see cref="ModelBaseline"/>
/// JSON in its Baseline column, as registration will once it freezes the run's logged baseline.
/// </summary>
internal static class BaselineSeeds
{
    /// <summary>Two features and two outputs, numeric and categorical, with known bounds and categories.</summary>
    public static ModelBaseline ChurnBaseline() => new()
    {
        Distributions =
        [
            Numeric("age", MlSemanticConventions.BaselineKinds.Feature, [18, 30, 45, 60], [10, 30, 30, 20, 10]),
            Categorical("plan", MlSemanticConventions.BaselineKinds.Feature, ["basic", "gold"], [60, 30, 10]),
            Numeric("score", MlSemanticConventions.BaselineKinds.Prediction, [0.25, 0.5, 0.75], [40, 30, 20, 10]),
            Categorical("label", MlSemanticConventions.BaselineKinds.Prediction, ["churn", "stay"], [30, 70, 0]),
        ],
    };

    public static BaselineDistribution Numeric(string name, string kind, List<double> bounds, List<long> counts) =>
        new() { Name = name, Kind = kind, Type = MlSemanticConventions.BaselineTypes.Numeric, Bounds = bounds, Counts = counts };

    public static BaselineDistribution Categorical(string name, string kind, List<string> categories, List<long> counts) =>
        new() { Name = name, Kind = kind, Type = MlSemanticConventions.BaselineTypes.Categorical, Categories = categories, Counts = counts };

    /// <summary>Registers version 1 of <paramref name="model"/> from a fresh run, points <paramref name="alias"/> at it and seeds its baseline.</summary>
    public static async Task<ModelVersion> RegisterWithBaselineAsync(this RegistryCollector collector, string model, string alias, ModelBaseline? baseline)
    {
        var run = await collector.SeedRunAsync(model + "-training");
        var (status, body) = await collector.SendAsync(HttpMethod.Post, $"api/models/{model}/versions", new ModelRegistration { RunId = run.RunId, Artifact = run.ArtifactPath });
        Assert.True((int)status is 200 or 201, $"registration answered {(int)status}: {body}");
        var version = body.Deserialize<ModelVersion>(QueryJson.Options)!;
        (status, body) = await collector.SendAsync(HttpMethod.Put, $"api/models/{model}/aliases/{alias}", new ModelAliasTarget(version.Version));
        Assert.True((int)status == 200, $"the alias move answered {(int)status}: {body}");
        if (baseline is not null)
        {
            await collector.Writer.WriteAsync(async (context, ct) =>
            {
                var batch = new RowBatch();
                RegistryRows.WriteVersion(batch, new StoredVersion(version with { UpdatedAt = context.After(version.UpdatedAt) }, JsonSerializer.Serialize(baseline, QueryJson.Options)));
                await context.WriteAsync(batch, ct);
                return version.Version;
            }, RegistryCollector.Cancellation).Within();
            using var answer = await collector.Api.GetAsync($"api/models/{model}/versions/{version.Version}/baseline", RegistryCollector.Cancellation).Within();
            Assert.True(answer.IsSuccessStatusCode, $"the seeded baseline is not served: {(int)answer.StatusCode}");
            Assert.NotNull(await answer.Content.ReadFromJsonAsync<ModelBaseline>(QueryJson.Options, RegistryCollector.Cancellation).Within());
        }

        return version;
    }
}
