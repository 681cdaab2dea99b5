namespace Otel.Collector.Retention;

/// <summary>An experiment's retention as stored (migration 0013); null days keep that kind of data for ever.</summary>
internal sealed record RetentionPolicy(string Experiment, int? PointsDays, int? RawDays, int? ArtifactDays, string UpdatedBy, DateTimeOffset UpdatedAt);
