using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Otel.Tracking.Serving;

namespace Otel.Cli.Demo.Serving;

/// <summary>
/// A real inference service for the demo's model, written as docs/serving.md tells users to write one: ASP.NET Core on
/// Kestrel (127.0.0.1, a free port), the served version stamped on its resource (<c>WithModelServing</c>), OpenTelemetry's
/// ASP.NET Core instrumentation for <c>http.server.request.duration</c> and server spans, OTLP to the collector.
/// <c>POST /predict</c> with <c>{"features": [x0, …]}</c> records the features and the outputs against the version's
/// training baseline and answers <c>{"probability", "label"}</c>.
/// </summary>
internal sealed class DemoInferenceService : IAsyncDisposable
{
    public const string ServiceName = "demo-inference";

    /// <summary>Short, so a demo of a minute shows up in drift and SLO queries while it runs (SDKs default to 60 s).</summary>
    private static readonly TimeSpan ExportInterval = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;

    private DemoInferenceService(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<DemoInferenceService> StartAsync(ServedModel served, DemoModel model, Uri collector, DemoFaults faults, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithModelServing(served)
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter((exporter, reader) =>
                {
                    exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                    exporter.Endpoint = new Uri(collector, "v1/metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)ExportInterval.TotalMilliseconds;
                }))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter(exporter =>
                {
                    exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                    exporter.Endpoint = new Uri(collector, "v1/traces");
                }));

        var app = builder.Build();
        var recorder = app.Services.GetRequiredService<PredictionRecorder>();
        var features = Enumerable.Range(0, model.Dimensions).Select(j => recorder.Feature(DemoLoad.FeatureName(j))).ToArray();
        var probability = recorder.Prediction("probability");
        var label = recorder.Prediction("label");
        app.MapPost("/predict", async (PredictRequest request, CancellationToken requestAborted) =>
        {
            if (request.Features is not { } x || x.Length != model.Dimensions)
            {
                return Results.BadRequest(new { error = $"send {{\"features\": [...]}} with {model.Dimensions} numbers" });
            }

            if (Random.Shared.NextDouble() < faults.SlowRate)
            {
                await Task.Delay(DemoFaults.SlowDelay, requestAborted);
            }

            if (Random.Shared.NextDouble() < faults.ErrorRate)
            {
                return Results.Json(new { error = "injected failure (demo serve --error-rate)" }, statusCode: StatusCodes.Status500InternalServerError);
            }

            recorder.Record(features, x);
            var p = model.Predict(x);
            var answer = p >= 0.5 ? "1" : "0";
            recorder.Record(probability, p);
            recorder.Record(label, answer);
            return Results.Ok(new PredictResponse(p, answer));
        });
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new DemoInferenceService(app, new Uri(address));
    }

    /// <summary>Exports what is still buffered now, rather than at the next interval.</summary>
    public void Flush()
    {
        _app.Services.GetRequiredService<MeterProvider>().ForceFlush(30_000);
        _app.Services.GetRequiredService<TracerProvider>().ForceFlush(30_000);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    internal sealed record PredictRequest([property: JsonPropertyName("features")] double[]? Features);

    internal sealed record PredictResponse([property: JsonPropertyName("probability")] double Probability, [property: JsonPropertyName("label")] string Label);
}
