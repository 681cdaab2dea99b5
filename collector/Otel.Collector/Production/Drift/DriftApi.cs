using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Otel.Collector.Registry;
using Otel.Tracking.Query;

namespace Otel.Collector.Production.Drift;

/// <summary>
/// <c>GET /api/models/{name}/drift?version=&amp;window=&amp;warnPsi=&amp;driftPsi=&amp;minCount=</c>: drift of a version
/// computed now (docs/drift.md), an array of <see cref="Otel.Tracking.Query.Production.DriftResult"/>. Errors are the
/// registry's: 400 for a malformed parameter, 404 for an unknown model or version, no baseline or no traffic.
/// </summary>
internal static class DriftApi
{
    public static IEndpointRouteBuilder MapDriftApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/models/{name}/drift", (HttpRequest request, DriftReports reports, DriftOptions options, string name, CancellationToken ct) =>
            RegistryResults.AnswerAsync(async () =>
            {
                var query = request.Query;
                var version = Long(query, "version");
                if (version < 1)
                {
                    throw RegistryRefusal.BadInput($"version {version} is not a version number: they start at 1");
                }

                var window = Window(query["window"]);
                var defaults = options.Thresholds;
                var thresholds = new DriftThresholds(
                    Double(query, "warnPsi") ?? defaults.WarnPsi,
                    Double(query, "driftPsi") ?? defaults.DriftPsi,
                    Long(query, "minCount") ?? defaults.MinCount);
                var errors = thresholds.Validate(property => char.ToLowerInvariant(property[0]) + property[1..]).ToList();
                if (errors.Count > 0)
                {
                    throw RegistryRefusal.BadInput(string.Join("; ", errors));
                }

                return Results.Json(await reports.ReportAsync(name, version, window, thresholds, ct), QueryJson.Options);
            }));
        return endpoints;
    }

    private static ServingWindow Window(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return DriftReports.DefaultWindow;
        }

        try
        {
            return ServingWindow.Parse(text);
        }
        catch (FormatException e)
        {
            throw RegistryRefusal.BadInput(e.Message);
        }
    }

    private static long? Long(IQueryCollection query, string name) =>
        query[name].ToString() is { Length: > 0 } text
            ? long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw NotANumber(name, text, "a whole number")
            : null;

    private static double? Double(IQueryCollection query, string name) =>
        query[name].ToString() is { Length: > 0 } text
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw NotANumber(name, text, "a number")
            : null;

    private static RegistryRefusal NotANumber(string name, string text, string what) => RegistryRefusal.BadInput($"{name} '{text}' is not {what}");
}
