using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Otel.Collector.Production.Cost;
using Otel.Collector.Query.RunFilter;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Query;

/// <summary>The HTTP query API under <c>/api/</c> that the CLI and scripts read runs through.</summary>
internal static class QueryApi
{
    private const int DefaultLimit = 1000;

    /// <summary>The most runs one list answers (a reproduction reads a whole experiment's attempts).</summary>
    private const int MaxRunsLimit = 100_000;

    /// <summary>The most rows one leaderboard ranks.</summary>
    private const int MaxLeaderboardLimit = 10_000;

    /// <summary>The most points one history answers (a curve as wide as a screen needs far fewer).</summary>
    private const int MaxHistoryPoints = 100_000;

    public static IEndpointRouteBuilder MapQueryApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");

        api.MapGet("/experiments", async (RunQueries queries, CancellationToken ct) =>
            Results.Json(await queries.ListExperimentsAsync(ct), QueryJson.Options));

        api.MapGet("/runs", async (HttpResponse response, RunQueries queries, RunCosts costs, string? experiment, string? limit, string? allAttempts, string? dataset, string? state,
            string? cost, string? filter, string[]? orderBy, CancellationToken ct) =>
        {
            var badLimit = QueryStringValues.Int(limit, "limit", 1, MaxRunsLimit, out var maxRuns);
            var badAttempts = QueryStringValues.Bool(allAttempts, "allAttempts", out var everyAttempt);
            var badCost = QueryStringValues.Bool(cost, "cost", out var withCost);
            if ((badLimit ?? badAttempts ?? badCost) is { } bad)
            {
                return bad;
            }

            if (state is not (null or RunLifecycleStates.Active or RunLifecycleStates.Archived or RunLifecycleStates.Deleted or RunLifecycleStates.All))
            {
                return Error(StatusCodes.Status400BadRequest, $"state must be active (the default), archived, deleted or all; got '{state}'");
            }

            FilterNode? parsedFilter;
            IReadOnlyList<RunOrderField> order;
            try
            {
                parsedFilter = FilterParser.Parse(filter);
                order = RunOrderParser.Parse(orderBy);
            }
            catch (RunFilterException ex)
            {
                return Error(StatusCodes.Status400BadRequest, ex.Message);
            }

            var page = await queries.ListRunPageAsync(experiment, maxRuns ?? DefaultLimit, ct, everyAttempt ?? false, dataset, state ?? RunLifecycleStates.Active, parsedFilter, order);
            if (withCost == true)
            {
                await costs.FillAsync(page.Runs, ct);
            }

            response.Headers[ApiHeaders.TotalCount] = page.Matching.ToString(CultureInfo.InvariantCulture);
            return Results.Json(page.Runs, QueryJson.Options);
        });

        api.MapGet("/runs/diff", async (RunQueries queries, HttpRequest request, string? a, string? b, string? all, CancellationToken ct) =>
        {
            if (QueryStringValues.Bool(all, "all", out var everyField) is { } bad)
            {
                return bad;
            }

            if (string.IsNullOrEmpty(a) || string.IsNullOrEmpty(b))
            {
                return await RunNamedLikeRouteAsync(queries, request, "diff", ct)
                    ?? Error(StatusCodes.Status400BadRequest, "diff needs two run ids: /api/runs/diff?a=A&b=B");
            }

            var runA = await queries.GetRunAsync(a, ct);
            var runB = runA is null ? null : await queries.GetRunAsync(b, ct);
            return runA is null ? UnknownRun(a) : runB is null ? UnknownRun(b) : Results.Json(RunDiffer.Diff(runA, runB, everyField ?? false), QueryJson.Options);
        });

        api.MapGet("/leaderboard", async (HttpResponse response, RunQueries queries, string? experiment, string? metric, string? order, string? limit, CancellationToken ct) =>
        {
            if (QueryStringValues.Int(limit, "limit", 1, MaxLeaderboardLimit, out var maxRows) is { } bad)
            {
                return bad;
            }

            if (string.IsNullOrEmpty(experiment) || string.IsNullOrEmpty(metric) || order is not (null or "asc" or "desc"))
            {
                return Error(StatusCodes.Status400BadRequest, "leaderboard needs experiment and metric, and order asc or desc: /api/leaderboard?experiment=E&metric=val_loss&order=asc");
            }

            var board = await queries.LeaderboardAsync(experiment, metric, order == "desc", maxRows ?? 20, ct);
            response.Headers[ApiHeaders.TotalCount] = board.Ranked.ToString(CultureInfo.InvariantCulture);
            return Results.Json(board.Entries, QueryJson.Options);
        });

        api.MapGet("/runs/{id}/history", async (RunQueries queries, string id, string? key, string? maxPoints, CancellationToken ct) =>
        {
            if (string.IsNullOrEmpty(key))
            {
                return Error(StatusCodes.Status400BadRequest, "history needs a metric key: /api/runs/ID/history?key=loss&maxPoints=2000");
            }

            if (QueryStringValues.Int(maxPoints, "maxPoints", 1, MaxHistoryPoints, out var points) is { } bad)
            {
                return bad;
            }

            return Results.Json(await queries.HistoryAsync(id, key, points ?? 2000, ct), QueryJson.Options);
        });

        api.MapGet("/runs/{id}/progress", async (RunQueries queries, string id, CancellationToken ct) =>
            await queries.GetProgressAsync(id, ct) is { } progress ? Results.Json(progress, QueryJson.Options) : UnknownRun(id));

        api.MapGet("/runs/{id}/artifacts", async (RunQueries queries, string id, CancellationToken ct) =>
            await queries.GetRunAsync(id, ct) is { } run ? Results.Json(run.Artifacts, QueryJson.Options) : UnknownRun(id));

        api.MapGet("/runs/{id}/baseline", async (RunQueries queries, RunBaselineQueries baselines, string id, CancellationToken ct) =>
        {
            if (await queries.GetRunAsync(id, ct) is null)
            {
                return UnknownRun(id);
            }

            var distributions = await baselines.ForRunAsync(id, ct);
            return distributions.Count > 0
                ? Results.Json(new ModelBaseline { RunId = id, Distributions = distributions }, QueryJson.Options)
                : Error(StatusCodes.Status404NotFound,
                    $"run '{id}' has logged no baseline: log a training dataset (LogDataset with context \"training\") or call LogFeatureBaseline / LogPredictionBaseline");
        });

        api.MapGet("/lineage/{key}", async (LineageQueries lineage, string key, CancellationToken ct) =>
            await lineage.FindAsync(key, ct) is { } found
                ? Results.Json(found, QueryJson.Options)
                : Error(StatusCodes.Status404NotFound, $"'{key}' is neither a run id, a dataset digest nor an artifact sha256 that any run recorded"));

        api.MapGet("/stats", async (StatsQueries stats, string? experiment, string? tolerance, CancellationToken ct) =>
        {
            // A relative difference.
            if (QueryStringValues.Double(tolerance, "tolerance", 0, 1, out var relative) is { } bad)
            {
                return bad;
            }

            return Results.Json(await stats.GetAsync(experiment, relative ?? Reproducibility.DefaultTolerance, ct), QueryJson.Options);
        });

        api.MapGet("/runs/compare", async (RunQueries queries, HttpRequest request, CancellationToken ct) =>
        {
            var ids = request.Query["id"].Where(id => !string.IsNullOrEmpty(id)).Select(id => id!).Distinct(StringComparer.Ordinal).ToList();
            if (ids.Count < 2)
            {
                return await RunNamedLikeRouteAsync(queries, request, "compare", ct)
                    ?? Error(StatusCodes.Status400BadRequest, "compare needs at least two run ids: /api/runs/compare?id=A&id=B");
            }

            var runs = new List<RunSummary>();
            foreach (var id in ids)
            {
                var run = await queries.GetRunAsync(id, ct);
                if (run is null)
                {
                    return UnknownRun(id);
                }

                runs.Add(run);
            }

            return Results.Json(RunComparer.Compare(runs), QueryJson.Options);
        });

        api.MapGet("/runs/{id}", async (RunQueries queries, RunCosts costs, string id, CancellationToken ct) =>
            await queries.GetRunAsync(id, ct) is { } run ? Results.Json(run with { Cost = costs.For(run) }, QueryJson.Options) : UnknownRun(id));

        api.MapResolveApi();

        return endpoints;
    }

    /// <summary>
    /// <c>/api/runs/diff</c> and <c>/api/runs/compare</c> are also the paths of runs with those ids, and routing
    /// prefers the literal route: asked without a query string, they show such a run when there is one.
    /// </summary>
    private static async Task<IResult?> RunNamedLikeRouteAsync(RunQueries queries, HttpRequest request, string id, CancellationToken ct) =>
        !request.QueryString.HasValue && await queries.GetRunAsync(id, ct) is { } run ? Results.Json(run, QueryJson.Options) : null;

    public static IResult Error(int status, string message) =>
        Results.Json(new ApiError(message), QueryJson.Options, statusCode: status);

    private static IResult UnknownRun(string id) =>
        Error(StatusCodes.Status404NotFound, $"unknown run id '{id}': list runs with `otel-track runs list`");
}
