using Otel.Tracking.Serving;

namespace OpenTelemetry.Resources;

/// <summary>The served model on a resource built by hand.</summary>
public static class ModelServingResourceBuilderExtensions
{
    /// <summary>
    /// Adds <c>ml.model.name</c>, <c>ml.model.version</c> (the resolved number), <c>ml.run.id</c> and, when set,
    /// <c>deployment.environment.name</c>: what links every signal of the service to the version and its run.
    /// </summary>
    public static ResourceBuilder AddServedModel(this ResourceBuilder builder, ServedModel model)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(model);
        return builder.AddAttributes(model.ResourceAttributes());
    }
}
