using System.Globalization;
using Otel.Tracking.Runs;
using Otel.Tracking.Tests.Infrastructure;

namespace Otel.Tracking.Tests;

/// <summary>
/// Param values as they go on the wire: numbers and bools typed, everything else as the text MLflow users filter on
/// (dates in ISO 8601, lists as JSON, enums by name), and a refusal for values whose only text is their type name.
/// </summary>
public sealed class ParamValueTests
{
    private static readonly Dictionary<string, (object Value, object Sent)> Table = new()
    {
        ["string"] = ("adam", "adam"),
        ["int"] = (3, 3L),
        ["byte"] = ((byte)7, 7L),
        ["ulong beyond long"] = (ulong.MaxValue, "18446744073709551615"),
        ["double"] = (0.1, 0.1),
        ["tiny double"] = (1e-7, 1e-7),
        ["float"] = (0.1f, 0.1),
        ["decimal"] = (0.25m, 0.25),
        ["bool"] = (true, true),
        ["enum"] = (DayOfWeek.Monday, "Monday"),
        ["int array"] = (new[] { 1, 2 }, "[1, 2]"),
        ["empty array"] = (Array.Empty<int>(), "[]"),
        ["string list"] = (new List<string> { "a", "b" }, "[\"a\", \"b\"]"),
        ["double list with NaN"] = (new List<double> { 0.5, 1e-7, double.NaN }, "[0.5, 1E-07, \"NaN\"]"),
        ["nested arrays"] = (new[] { new[] { 1 }, new[] { 2, 3 } }, "[[1], [2, 3]]"),
        ["mixed list"] = (new object?[] { DayOfWeek.Friday, "x", null, true, 2.5f }, "[\"Friday\", \"x\", null, true, 2.5]"),
        ["escaped strings"] = (new[] { "é \"q\" <b>\n" }, "[\"é \\\"q\\\" <b>\\n\"]"),
        ["dictionary"] = (new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 }, "{\"a\": 1, \"b\": 2}"),
        ["unspecified DateTime"] = (new DateTime(2026, 1, 2), "2026-01-02T00:00:00"),
        ["UTC DateTime"] = (new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), "2026-01-02T03:04:05+00:00"),
        ["DateTimeOffset"] = (new DateTimeOffset(2026, 1, 2, 3, 4, 5, 500, TimeSpan.FromHours(2)), "2026-01-02T03:04:05.5+02:00"),
        ["DateOnly"] = (new DateOnly(2026, 1, 2), "2026-01-02"),
        ["TimeOnly"] = (new TimeOnly(13, 30), "13:30:00"),
        ["date list"] = (new[] { new DateOnly(2026, 1, 2) }, "[\"2026-01-02\"]"),
        ["TimeSpan"] = (TimeSpan.FromMinutes(90), "01:30:00"),
        ["Guid"] = (Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), "0f8fad5b-d9cb-469f-a165-70867728950e"),
        ["record"] = (new Optimizer("adam", 2), "Optimizer { Name = adam, Layers = 2 }"),
    };

    public static TheoryData<string> Cases => [.. Table.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Normalize_ValueOfEachType_SentAsMlflowUsersExpect(string name)
    {
        var (value, sent) = Table[name];

        var normalized = ParamValues.Normalize("p", value);

        Assert.Equal(sent, normalized);
        Assert.Equal(sent.GetType(), normalized!.GetType());
    }

    [Fact]
    public void Normalize_UnderACommaDecimalCulture_ListAndDateTextIsInvariant()
    {
        // Tests run in globalization-invariant mode, so the German-like culture is made by hand.
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.DateTimeFormat.DateSeparator = ".";
        comma.DateTimeFormat.TimeSeparator = ".";
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = comma;
        try
        {
            Assert.Equal("[0.5, 1.25]", ParamValues.Normalize("p", new[] { 0.5, 1.25 }));
            Assert.Equal("2026-01-02T03:04:05.25", ParamValues.Normalize("p", new DateTime(2026, 1, 2, 3, 4, 5, 250)));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Normalize_ObjectWithoutItsOwnText_RefusedNamingParamAndType()
    {
        var error = Assert.Throws<ArgumentException>(() => ParamValues.Normalize("model", new object()));

        Assert.Contains("'model'", error.Message, StringComparison.Ordinal);
        Assert.Contains("System.Object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_StructWithoutItsOwnTextInAList_RefusedNamingParamAndType()
    {
        var error = Assert.Throws<ArgumentException>(() => ParamValues.Normalize("layers", new[] { new Layer() }));

        Assert.Contains("'layers'", error.Message, StringComparison.Ordinal);
        Assert.Contains(typeof(Layer).ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_ListThatContainsItself_RefusedRatherThanRecursing()
    {
        var list = new List<object>();
        list.Add(list);

        var error = Assert.Throws<ArgumentException>(() => ParamValues.Normalize("loop", list));

        Assert.Contains("'loop'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LogParam_Array_SentAsJsonTextAndTheSameArrayAgainIsNoConflict()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        var run = tracking.StartRun(capture.RunOptions());

        run.LogParam("layers", new[] { 64, 32 });
        run.LogParam("layers", new List<long> { 64, 32 });
        run.End(RunStatus.Finished);

        Assert.Equal("[64, 32]", capture.Single(MlSemanticConventions.RunSpan).Tag("ml.param.layers"));
    }

    [Fact]
    public void LogParams_OneValueWithoutItsOwnText_ThrowsAndLogsNothingOfTheCall()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        var run = tracking.StartRun(capture.RunOptions());

        var error = Assert.Throws<ArgumentException>(() =>
            run.LogParams(new Dictionary<string, object?> { ["lr"] = 0.1, ["model"] = new object() }));
        run.End(RunStatus.Finished);

        Assert.Contains("'model'", error.Message, StringComparison.Ordinal);
        Assert.Null(capture.Single(MlSemanticConventions.RunSpan).Tag("ml.param.lr"));
    }

    [Fact]
    public void StartRun_ParamWithoutItsOwnText_ThrowsNamingTheParamAndStartsNoRun()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        var options = capture.RunOptions();
        options.Params["model"] = new object();

        var error = Assert.Throws<ArgumentException>(() => tracking.StartRun(options));

        Assert.Contains("'model'", error.Message, StringComparison.Ordinal);
        Assert.Empty(capture.Spans);
        Assert.Null(MlRun.Current);
    }

    private sealed record Optimizer(string Name, int Layers);

    private readonly struct Layer;
}
