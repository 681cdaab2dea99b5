using Otel.Collector.Production.Slo;

namespace Otel.Collector.Tests.Production.Slo;

/// <summary>SLO files (docs/slos.md): what a valid one gives, and errors that name the file, the SLO and the field.</summary>
public sealed class SloFileParserTests
{
    private const string Valid = """
        slos:
          - name: churn-availability
            description: Scoring answers without server errors
            kind: availability
            model: churn
            objective: 0.999
            window: 30d
          - name: checkout-latency
            kind: latency
            service: checkout
            route: /score
            threshold: 0.25
            objective: 0.99
            window: 28d
        """;

    [Fact]
    public void Parse_ValidFile_GivesEveryDefinition()
    {
        var file = SloFileParser.Parse("slos.yaml", Valid);

        Assert.True(file.IsValid, string.Join("; ", file.Errors));
        Assert.Empty(file.Warnings);
        Assert.Equal(
            [
                new SloDefinition("churn-availability", SloKind.Availability, "churn", null, null, 0.999, 30, null, "Scoring answers without server errors"),
                new SloDefinition("checkout-latency", SloKind.Latency, null, "checkout", "/score", 0.99, 28, 0.25, null),
            ],
            file.Slos);
    }

    [Fact]
    public void Parse_WindowLeftOut_DefaultsTo30Days()
    {
        var file = SloFileParser.Parse("slos.yaml", "slos:\n  - {name: a, kind: availability, model: m, objective: 0.99}\n");

        Assert.Equal(30, Assert.Single(file.Slos).WindowDays);
    }

    [Theory]
    [InlineData("    objectiv: 0.999\n", "slos.yaml: SLO 'bad' (line 2): unknown field 'objectiv' (line 5)")]
    [InlineData("    objective: 1.5\n", "slos.yaml: SLO 'bad' (line 2): objective: '1.5' must be a number between 0 and 1 exclusive")]
    [InlineData("    objective: 99.9%\n", "slos.yaml: SLO 'bad' (line 2): objective: '99.9%' must be a number between 0 and 1")]
    [InlineData("    objective: 0.99\n    window: 7d\n", "slos.yaml: SLO 'bad' (line 2): window: '7d' is not a window; use 28d or 30d")]
    [InlineData("    objective: 0.99\n    threshold: 0.25\n", "slos.yaml: SLO 'bad' (line 2): threshold: only a latency SLO has a threshold")]
    public void Parse_BadField_ErrorNamesFileSloAndField(string field, string expected)
    {
        var yaml = "slos:\n  - name: bad\n    kind: availability\n    model: churn\n" + field;

        var file = SloFileParser.Parse("slos.yaml", yaml);

        Assert.False(file.IsValid);
        Assert.Empty(file.Slos);
        Assert.Contains(file.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_LatencyWithoutThreshold_SaysAThresholdInSecondsIsNeeded()
    {
        var file = SloFileParser.Parse("slos.yaml", "slos:\n  - {name: slow, kind: latency, model: churn, objective: 0.99}\n");

        var error = Assert.Single(file.Errors);
        Assert.StartsWith("slos.yaml: SLO 'slow' (line 2): threshold: missing; a latency SLO needs a threshold in seconds", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEveryOneAtOnce()
    {
        var yaml = "slos:\n  - {kind: speed, objective: 0.99}\n  - {name: b, kind: availability, model: m, objective: 0.99}\n  - {name: b, kind: availability, model: m, objective: 0.99}\n";

        var file = SloFileParser.Parse("slos.yaml", yaml);

        Assert.Contains("slos.yaml: SLO #1 (line 2): name: missing; every SLO needs a name (letters, digits, '.', '_', '-')", file.Errors);
        Assert.Contains(file.Errors, e => e.StartsWith("slos.yaml: SLO #1 (line 2): kind: 'speed' is not a kind of SLO", StringComparison.Ordinal));
        Assert.Contains(file.Errors, e => e.StartsWith("slos.yaml: SLO #1 (line 2): model: missing", StringComparison.Ordinal));
        Assert.Contains(file.Errors, e => e.StartsWith("slos.yaml: SLO 'b' (line 4): name: 'b' is already used", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("slos: [", "slos.yaml (line 2): not valid YAML")]
    [InlineData("- a\n", "slos.yaml: an SLO file is a mapping with one field, slos")]
    [InlineData("slos: []\n", "slos.yaml: no SLOs")]
    [InlineData("slo:\n  - {name: a}\n", "slos.yaml (line 1): unknown field 'slo' at the top level")]
    public void Parse_BadShape_SaysWhatAnSloFileIs(string yaml, string expected)
    {
        var file = SloFileParser.Parse("slos.yaml", yaml);

        Assert.Contains(file.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ThresholdOffTheDefaultBounds_WarnsAndStillLoads()
    {
        var file = SloFileParser.Parse("slos.yaml", "slos:\n  - {name: slow, kind: latency, model: churn, objective: 0.99, threshold: 0.3}\n");

        Assert.True(file.IsValid);
        var warning = Assert.Single(file.Warnings);
        Assert.StartsWith("slos.yaml: SLO 'slow' (line 2): threshold: 0.3 s is not one of OpenTelemetry's default http.server.request.duration bounds (0.005, 0.01,", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_IsOneErrorNamingIt()
    {
        var file = SloFile.Load("/nonexistent/slos.yaml");

        Assert.StartsWith("/nonexistent/slos.yaml: cannot read the SLO file", Assert.Single(file.Errors), StringComparison.Ordinal);
    }
}
