using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Otel.Tracking.Serving.Tests.Infrastructure;

namespace Otel.Tracking.Serving.Tests;

/// <summary>The OpenTelemetry builder integration: the resource of every signal, the recorder in DI, idempotence.</summary>
public sealed class WithModelServingTests
{
    [Fact]
    public void WithModelServing_Providers_ResourceOfTracesMetricsAndLogsNamesTheResolvedVersionAndRun()
    {
        var model = TestModels.Served(new(), "canary");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOpenTelemetry().WithModelServing(model).WithTracing(_ => { }).WithMetrics(_ => { }).WithLogging(_ => { });
        using var provider = services.BuildServiceProvider();

        var resources = new[]
        {
            provider.GetRequiredService<TracerProvider>().GetResource(),
            provider.GetRequiredService<MeterProvider>().GetResource(),
            provider.GetRequiredService<LoggerProvider>().GetResource(),
        };

        Assert.All(resources, resource =>
        {
            var attributes = resource.Attributes.ToDictionary(a => a.Key, a => a.Value);
            Assert.Equal("test", attributes[MlSemanticConventions.ModelName]);
            Assert.Equal("3", attributes[MlSemanticConventions.ModelVersion]);
            Assert.Equal("run-3", attributes[MlSemanticConventions.RunId]);
            Assert.Equal("canary", attributes[MlSemanticConventions.DeploymentEnvironmentName]);
        });
        Assert.Same(model, provider.GetRequiredService<PredictionRecorder>().Model);
    }

    [Fact]
    public void WithModelServing_CalledTwice_SameModelIsANoOpAnotherModelIsRefused()
    {
        var model = TestModels.Served(new(), null);
        var services = new ServiceCollection();
        var builder = services.AddOpenTelemetry().WithModelServing(model);

        builder.WithModelServing(model);
        var error = Assert.Throws<InvalidOperationException>(() => builder.WithModelServing(TestModels.Served(new(), null)));

        Assert.Single(services, d => d.ServiceType == typeof(PredictionRecorder));
        Assert.Contains("one service serves one model version", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddModelServing_HandBuiltProvider_RecordsWithTheServedModelOnItsResource()
    {
        var model = TestModels.With(BaselineSeeds.Numeric("hand_built_age", MlSemanticConventions.BaselineKinds.Feature, [10], [1, 1]));
        var exported = new List<Metric>();
        using var provider = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(resource => resource.AddServedModel(model))
            .AddModelServing()
            .AddModelServing()
            .AddInMemoryExporter(exported)
            .Build();
        using var recorder = new PredictionRecorder(model);

        recorder.Record(recorder.Feature("hand_built_age"), 12);
        Assert.True(provider.ForceFlush(10_000), "the in-memory export did not finish");

        var attributes = provider.GetResource().Attributes.ToDictionary(a => a.Key, a => a.Value);
        Assert.Equal(("test", "3", "run-3"), (attributes[MlSemanticConventions.ModelName], attributes[MlSemanticConventions.ModelVersion], attributes[MlSemanticConventions.RunId]));
        Assert.Contains(exported, metric => metric.Name == MlSemanticConventions.ServingFeature && metric.MeterName == "Otel.Tracking.Serving.feature.hand_built_age");
    }
}
