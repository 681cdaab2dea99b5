using Microsoft.Extensions.DependencyInjection;
using Otel.Collector.Jobs;

namespace Otel.Collector.Production.Increments;

internal static class IncrementsServiceCollectionExtensions
{
    /// <summary>The serving-increments job, whose tables drift and SLO readers read (docs/drift.md, "Stored increments").</summary>
    public static IServiceCollection AddServingIncrements(this IServiceCollection services) => services.AddJob<ServingIncrementsJob>();
}
