using Otel.Tracking.Serving.Tests.Infrastructure;

using static Otel.Tracking.Serving.Tests.Infrastructure.BaselineSeeds;

namespace Otel.Tracking.Serving.Tests;

/// <summary>
/// The request path allocates nothing once warm, with an OpenTelemetry meter provider listening, bad values included.
/// Alone: a provider started by a parallel test would subscribe to this test's meters and allocate the first point
/// of each tag set on this thread.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class RecordingAllocationTests
{
    [Fact]
    public void Record_AfterWarmUp_AllocatesNothingOnTheCallersThread()
    {
        using var metrics = new ServingMetrics();
        using var recorder = new PredictionRecorder(TestModels.With(
            Numeric("alloc_age", MlSemanticConventions.BaselineKinds.Feature, [18, 30, 45, 60], [1, 1, 1, 1, 1]),
            Numeric("alloc_income", MlSemanticConventions.BaselineKinds.Feature, [1e4, 5e4, 1e5], [1, 1, 1, 1]),
            Categorical("alloc_plan", MlSemanticConventions.BaselineKinds.Feature, ["basic", "gold"], [1, 1, 1]),
            Categorical("alloc_label", MlSemanticConventions.BaselineKinds.Prediction, ["0", "1"], [1, 1, 1])));
        ServingSlot[] numeric = [recorder.Feature("alloc_age"), recorder.Feature("alloc_income")];
        var plan = recorder.Feature("alloc_plan");
        var label = recorder.Prediction("alloc_label");
        var unknown = recorder.Feature("alloc_unknown");
        string[] plans = ["basic", "gold", "platinum"];

        void Predict(int i)
        {
            // A collection expression into a span lives on the stack.
            recorder.Record(numeric, [i % 90, i * 10.0]);
            recorder.Record(plan, plans[i % 3]);
            recorder.Record(plan, "gold-plus".AsSpan(0, 4));
            recorder.Record(label, i & 1);
            recorder.Record(unknown, double.NaN);
            recorder.Record(numeric[0], double.NaN);
        }

        // Warm-up: JIT, and every tag set's point in the provider's aggregator (first logs included).
        for (var i = 0; i < 1_000; i++)
        {
            Predict(i);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            Predict(i);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
