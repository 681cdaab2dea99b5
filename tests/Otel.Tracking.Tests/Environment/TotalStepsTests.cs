using Otel.Tracking.Tests.Infrastructure;

namespace Otel.Tracking.Tests.EnvironmentCapture;

public sealed class TotalStepsTests
{
    [Fact]
    public void TotalSteps_Declared_IsOnStartAndRunSpans()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        var options = capture.RunOptions("counted");
        options.TotalSteps = 10_000;

        tracking.StartRun(options).Dispose();

        Assert.Equal(10_000L, capture.Single(MlSemanticConventions.RunStartSpan).Tag(MlSemanticConventions.RunTotalSteps));
        Assert.Equal(10_000L, capture.Single(MlSemanticConventions.RunSpan).Tag(MlSemanticConventions.RunTotalSteps));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0L)]
    [InlineData(-5L)]
    public void TotalSteps_NoneOrNotPositive_NoAttribute(long? totalSteps)
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        var options = capture.RunOptions();
        options.TotalSteps = totalSteps;

        tracking.StartRun(options).Dispose();

        Assert.Null(capture.Single(MlSemanticConventions.RunStartSpan).Tag(MlSemanticConventions.RunTotalSteps));
        Assert.Null(capture.Single(MlSemanticConventions.RunSpan).Tag(MlSemanticConventions.RunTotalSteps));
    }
}
