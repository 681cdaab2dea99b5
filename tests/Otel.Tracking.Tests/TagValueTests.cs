using Otel.Tracking.Tests.Infrastructure;

namespace Otel.Tracking.Tests;

/// <summary>Tag values are strings, as in MLflow: a null value or empty key is refused with the tag named, nothing half-set.</summary>
public sealed class TagValueTests
{
    [Fact]
    public void SetTags_OneNullValue_ThrowsNamingTheTagAndSetsNone()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        var run = tracking.StartRun(capture.RunOptions());

        var error = Assert.Throws<ArgumentException>(() =>
            run.SetTags(new Dictionary<string, string> { ["team"] = "vision", ["t"] = null! }));
        run.End(RunStatus.Finished);

        Assert.Contains("Tag 't'", error.Message, StringComparison.Ordinal);
        var runSpan = capture.Single(MlSemanticConventions.RunSpan);
        Assert.Null(runSpan.Tag("ml.tag.team"));
        Assert.Null(runSpan.Tag("ml.tag.t"));
    }

    [Fact]
    public void SetTag_NullValueOrEmptyKey_Throws()
    {
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        using var run = tracking.StartRun(new RunOptions { Experiment = "e" });

        Assert.Contains("'stage'", Assert.Throws<ArgumentException>(() => run.SetTag("stage", null!)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => run.SetTag(string.Empty, "x"));
        Assert.Throws<ArgumentException>(() => run.SetNote(null!));
    }

    [Fact]
    public void SetTag_EmptyString_IsAValue()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        var run = tracking.StartRun(capture.RunOptions());

        run.SetTag("reviewed", string.Empty);
        run.End(RunStatus.Finished);

        Assert.Equal(string.Empty, capture.Single(MlSemanticConventions.RunSpan).Tag("ml.tag.reviewed"));
    }

    [Fact]
    public void SetTags_AfterEnd_ThrowsAndTheRunKeepsItsTags()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        var run = tracking.StartRun(capture.RunOptions());
        run.SetTag("stage", "eval");
        run.Dispose();

        var error = Assert.Throws<InvalidOperationException>(() => run.SetTags(new Dictionary<string, string> { ["stage"] = "late" }));

        Assert.Contains("otel-track runs tag", error.Message, StringComparison.Ordinal);
        Assert.Equal("eval", capture.Single(MlSemanticConventions.RunSpan).Tag("ml.tag.stage"));
    }

    [Fact]
    public void StartRun_TagWithNullValue_SkippedAsNullParamsAre()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        var options = capture.RunOptions();
        options.Tags["team"] = "vision";
        options.Tags["t"] = null!;

        tracking.StartRun(options).End(RunStatus.Finished);

        var runSpan = capture.Single(MlSemanticConventions.RunSpan);
        Assert.Equal("vision", runSpan.Tag("ml.tag.team"));
        Assert.Null(runSpan.Tag("ml.tag.t"));
    }
}
