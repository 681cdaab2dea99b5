using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Tracking.Serving.Tests.Infrastructure;

/// <summary>
/// A real inference service on Kestrel (127.0.0.1, port 0), as docs/serving.md tells users to write one: the served
/// model stamped on its resource, OpenTelemetry's ASP.NET Core instrumentation for http.server.request.duration, OTLP
/// to the collector. <c>GET /predict?age=&amp;plan=</c> records both features, scores, and records both outputs.
/// </summary>
internal sealed class ChurnService : IAsyncDisposable
{
    public const string ServiceName = "churn-serving";

    private readonly WebApplication _app;

    private ChurnService(WebApplication app, Uri address)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    public PredictionRecorder Recorder => _app.Services.GetRequiredService<PredictionRecorder>();

    public static async Task<ChurnService> StartAsync(ServedModel model, Uri collector)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithModelServing(model)
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter((exporter, reader) =>
                {
                    exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                    exporter.Endpoint = new Uri(collector, "v1/metrics");
                    // The test flushes when it has sent its requests; no periodic export in between.
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 600_000;
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
        var age = recorder.Feature("age");
        var plan = recorder.Feature("plan");
        var score = recorder.Prediction("score");
        var label = recorder.Prediction("label");
        var tenure = recorder.Feature("tenure");
        app.MapGet("/predict", (HttpContext context) =>
        {
            var ageValue = double.Parse(context.Request.Query["age"].ToString(), CultureInfo.InvariantCulture);
            recorder.Record(age, ageValue);
            recorder.Record(plan, context.Request.Query["plan"].ToString());
            // A feature the baseline does not know: counted and dropped, never an error for the caller.
            recorder.Record(tenure, 12);
            var scoreValue = double.IsFinite(ageValue) ? Math.Clamp(ageValue / 100, 0, 1) : 0.5;
            recorder.Record(score, scoreValue);
            recorder.Record(label, scoreValue > 0.5 ? "churn" : "stay");
            return Results.Ok(scoreValue);
        });
        await app.StartAsync(TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Default);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ChurnService(app, new Uri(address));
    }

    /// <summary>Exports what was recorded now, rather than at the next export interval.</summary>
    public void Flush()
    {
        Assert.True(_app.Services.GetRequiredService<MeterProvider>().ForceFlush(30_000), "the metrics were not exported");
        Assert.True(_app.Services.GetRequiredService<TracerProvider>().ForceFlush(30_000), "the spans were not exported");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Default);
        await _app.DisposeAsync();
    }
}
