using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Otel.Tracking.Serving;

namespace OpenTelemetry;

/// <summary>Plugs a served model into an application's OpenTelemetry (docs/serving.md).</summary>
public static class ModelServingOpenTelemetryBuilderExtensions
{
    /// <summary>
    /// Stamps <c>ml.model.name</c>, <c>ml.model.version</c> (the resolved number), <c>ml.run.id</c> and, when set,
    /// <c>deployment.environment.name</c> on the resource of traces, metrics and logs; subscribes the meter provider to
    /// the serving meters; and registers <paramref name="model"/> and a <see cref="PredictionRecorder"/> as singletons.
    /// Resolve the model first with <see cref="ServedModel.ResolveAsync(ModelServingOptions, CancellationToken)"/>.
    /// Calling it twice with the same model has no further effect.
    /// </summary>
    public static IOpenTelemetryBuilder WithModelServing(this IOpenTelemetryBuilder builder, ServedModel model)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(model);
        var registered = builder.Services.FirstOrDefault(d => d.ServiceType == typeof(ServedModel))?.ImplementationInstance;
        if (registered is not null)
        {
            return ReferenceEquals(registered, model)
                ? builder
                : throw new InvalidOperationException("WithModelServing was already called with another model: one service serves one model version.");
        }

        builder.Services.TryAddSingleton(model);
        builder.Services.TryAddSingleton(services => new PredictionRecorder(model, services.GetService<ILoggerFactory>()));
        builder.ConfigureResource(resource => resource.AddServedModel(model));
        builder.WithMetrics(metrics => metrics.AddModelServing());
        return builder;
    }
}
