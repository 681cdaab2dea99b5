using Otel.Tracking.Tests.Infrastructure;

namespace Otel.Tracking.Tests.EnvironmentCapture;

public sealed class SeedTests
{
    [Fact]
    public void Seed_IsOnStartAndRunSpans()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        var options = capture.RunOptions("seeded");
        options.Seed = 1234567890123L;

        tracking.StartRun(options).Dispose();

        Assert.Equal(1234567890123L, capture.Single(MlSemanticConventions.RunStartSpan).Tag(MlSemanticConventions.RunSeed));
        Assert.Equal(1234567890123L, capture.Single(MlSemanticConventions.RunSpan).Tag(MlSemanticConventions.RunSeed));
    }

    [Fact]
    public void NoSeed_NoAttribute()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());

        tracking.StartRun(capture.RunOptions()).Dispose();

        Assert.Null(capture.Single(MlSemanticConventions.RunStartSpan).Tag(MlSemanticConventions.RunSeed));
        Assert.Null(capture.Single(MlSemanticConventions.RunSpan).Tag(MlSemanticConventions.RunSeed));
    }
}
