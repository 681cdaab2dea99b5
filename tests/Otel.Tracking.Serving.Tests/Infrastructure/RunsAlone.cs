namespace Otel.Tracking.Serving.Tests.Infrastructure;

/// <summary>Tests that must not run beside any other: xunit runs this collection by itself, after the parallel ones.</summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;
