namespace Otel.Collector.Tests.Production.Drift;

/// <summary>The drift tests share one seeded collector (<see cref="DriftScenario"/>): they only read what it holds.</summary>
[CollectionDefinition(Name)]
public sealed class SharedDriftScenario : ICollectionFixture<DriftScenario>
{
    public const string Name = "drift";
}
