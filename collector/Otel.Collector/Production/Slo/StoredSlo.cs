using Otel.Tracking.Query;

namespace Otel.Collector.Production.Slo;

/// <summary>An SLO as <c>ml_slo_definitions</c> holds it: its definition, where it came from and who applied it last.</summary>
internal sealed record StoredSlo(SloDefinition Definition, string Source, string UpdatedBy, DateTimeOffset UpdatedAt)
{
    public SloRecord ToRecord() => new(Definition.Name, Definition.Kind.Name(), Definition.Model, Definition.Service, Definition.Route,
        Definition.Objective, Definition.Window, Definition.Threshold, Definition.Description, Source, UpdatedBy, UpdatedAt);
}
