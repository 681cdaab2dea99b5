using OpenTelemetry.Proto.Metrics.V1;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Tracking;

using static Otel.Testing.OtlpRequests;

namespace Otel.Grafana.Tests.Harness.Scenarios;

/// <summary>
/// The training baselines of the seeded runs and the serving distributions of the champion: each served hour
/// has the baseline's proportions (twelve times its counts), except <c>age</c> in the drifted hour.
/// </summary>
internal static class ScenarioDistributions
{
    private static readonly double[] s_ageBounds = [20, 30, 40, 50, 60];
    private static readonly long[] s_ageBaseline = [100, 200, 300, 250, 100, 50];
    private static readonly long[] s_ageShifted = [20, 60, 200, 500, 700, 520];

    // PSI 0.158 against the baseline: above the warn threshold (0.1), below the drift threshold (0.25).
    private static readonly long[] s_ageMoved = [40, 130, 270, 300, 170, 90];
    private static readonly double[] s_incomeBounds = [1, 2, 3];
    private static readonly long[] s_incomeBaseline = [250, 250, 250, 250];
    private static readonly string[] s_countries = ["FR", "DE", "US"];
    private static readonly long[] s_countryBaseline = [400, 300, 200, 100];
    private static readonly double[] s_scoreBounds = [0.25, 0.5, 0.75];
    private static readonly long[] s_scoreBaseline = [100, 400, 400, 100];
    private const int HourlyScale = 12;

    public static IEnumerable<Span.Types.Event> BaselineEvents(ulong time) =>
    [
        Numeric("age", MlSemanticConventions.BaselineKinds.Feature, s_ageBounds, s_ageBaseline, time),
        Numeric("income", MlSemanticConventions.BaselineKinds.Feature, s_incomeBounds, s_incomeBaseline, time),
        TrainingRuns.Event(MlSemanticConventions.BaselineEvent, time,
            Attr(MlSemanticConventions.BaselineName, "country"), Attr(MlSemanticConventions.BaselineKind, MlSemanticConventions.BaselineKinds.Feature),
            Attr(MlSemanticConventions.BaselineType, MlSemanticConventions.BaselineTypes.Categorical),
            Attr(MlSemanticConventions.BaselineCategories, ArrayOf([.. s_countries.Select(Str)])),
            Attr(MlSemanticConventions.BaselineCounts, ArrayOf([.. s_countryBaseline.Select(Int)]))),
        Numeric("score", MlSemanticConventions.BaselineKinds.Prediction, s_scoreBounds, s_scoreBaseline, time),
    ];

    /// <summary>One served hour starting at <paramref name="start"/>, one export a minute, <c>age</c> as <paramref name="age"/> says.</summary>
    public static Metric[] ServedHour(DateTimeOffset start, AgeShift age) =>
    [
        ServingTelemetry.Histogram("age", s_ageBounds, Scaled(age switch { AgeShift.Drift => s_ageShifted, AgeShift.Warn => s_ageMoved, _ => s_ageBaseline }),
            AggregationTemporality.Delta, start, exports: 60),
        ServingTelemetry.Histogram("income", s_incomeBounds, Scaled(s_incomeBaseline), AggregationTemporality.Delta, start, exports: 60),
        ServingTelemetry.Categories("country",
            s_countries.Append(MlSemanticConventions.OtherCategory).Zip(s_countryBaseline, (c, n) => (c, n * HourlyScale)).ToDictionary(p => p.c, p => p.Item2),
            AggregationTemporality.Delta, start, exports: 60),
        ServingTelemetry.Histogram("score", s_scoreBounds, Scaled(s_scoreBaseline), AggregationTemporality.Delta, start, exports: 60, prediction: true),
    ];

    /// <summary>Histogram points one served hour sends (three histograms, 60 exports each).</summary>
    public const int HistogramPointsPerHour = 180;

    private static Span.Types.Event Numeric(string name, string kind, double[] bounds, long[] counts, ulong time) =>
        TrainingRuns.Event(MlSemanticConventions.BaselineEvent, time,
            Attr(MlSemanticConventions.BaselineName, name), Attr(MlSemanticConventions.BaselineKind, kind),
            Attr(MlSemanticConventions.BaselineType, MlSemanticConventions.BaselineTypes.Numeric),
            Attr(MlSemanticConventions.BaselineBounds, ArrayOf([.. bounds.Select(Dbl)])),
            Attr(MlSemanticConventions.BaselineCounts, ArrayOf([.. counts.Select(Int)])));

    private static long[] Scaled(long[] counts) => [.. counts.Select(c => c * HourlyScale)];
}

/// <summary>How far the served <c>age</c> distribution is from its training baseline in an hour.</summary>
internal enum AgeShift
{
    /// <summary>The baseline's proportions: drift status ok.</summary>
    None,

    /// <summary>Moved (PSI 0.158): drift status warn.</summary>
    Warn,

    /// <summary>Shifted to older ages: drift status drift.</summary>
    Drift,
}
