namespace Otel.Collector.Runs.Lifecycle;

/// <summary>The fields of <c>ml_run_lifecycle</c> (migration 0013) and the values of the hold field.</summary>
internal static class RunLifecycleFields
{
    public const string Name = "name";
    public const string Note = "note";
    public const string State = "state";
    public const string Hold = "hold";

    public const string Held = "1";
    public const string Released = "0";
}
