namespace Otel.Collector.Runs.Lifecycle;

/// <summary>
/// How readers see a run's lifecycle (migration 0013): the newest row per run and field of <c>ml_run_lifecycle</c>,
/// joined onto <c>ml_runs</c>. A rename replaces <c>RunName</c>, so every reader that selects from
/// <see cref="RunsWithLifecycle"/> shows the new name.
/// </summary>
internal static class RunLifecycleSql
{
    /// <summary>Per run: State ('' when never changed), NewName, Note, Held, StateAt (unix ns of the newest state change).</summary>
    public const string CurrentLifecycle = """
        SELECT RunId,
               argMaxIf(Value, Version, Field = 'state') AS State,
               argMaxIf(Value, Version, Field = 'name') AS NewName,
               argMaxIf(Value, Version, Field = 'note') AS Note,
               argMaxIf(Value, Version, Field = 'hold') = '1' AS Held,
               toUnixTimestamp64Nano(argMaxIf(At, Version, Field = 'state')) AS StateAtNs
        FROM ml_run_lifecycle GROUP BY RunId
        """;

    /// <summary>
    /// <c>ml_runs FINAL</c> with its columns, the renamed RunName, and State ('active' when never changed), Held, Note.
    /// Use as <c>FROM (RunsWithLifecycle)</c>.
    /// </summary>
    public const string RunsWithLifecycle = $"""
        SELECT r.RunId AS RunId, r.Experiment AS Experiment, if(l.NewName != '', l.NewName, r.RunName) AS RunName,
               r.ParentRunId AS ParentRunId, r.Status AS Status, r.StatusMessage AS StatusMessage, r.StartTime AS StartTime,
               r.EndTime AS EndTime, r.ServiceName AS ServiceName, r.TraceId AS TraceId, r.Provenance AS Provenance,
               r.ReceivedAt AS ReceivedAt, r.Reproduces AS Reproduces, r.TotalSteps AS TotalSteps,
               if(l.State = '', 'active', l.State) AS State, l.Held AS Held, l.Note AS Note
        FROM ml_runs AS r FINAL
        LEFT JOIN ({CurrentLifecycle}) AS l ON r.RunId = l.RunId
        """;

    /// <summary>
    /// The tags of the runs in <c>{ids:Array(String)}</c>: the newest row per run and key, unless it is an untag
    /// tombstone (<c>Deleted = 1</c>, migration 0013).
    /// </summary>
    public const string CurrentTags = """
        SELECT RunId, Key, argMax(Value, UpdatedAt) AS Value
        FROM ml_tags WHERE RunId IN {ids:Array(String)}
        GROUP BY RunId, Key HAVING argMax(Deleted, UpdatedAt) = 0
        """;

    /// <summary>
    /// Runs that neither purge nor retention may touch: under legal hold, or backing a registered model version
    /// (ml_model_versions.RunId, migration 0010). Use as <c>RunId NOT IN (ProtectedRunIds)</c>.
    /// </summary>
    public const string ProtectedRunIds = """
        SELECT RunId FROM ml_model_versions
        UNION DISTINCT
        SELECT RunId FROM ml_run_lifecycle GROUP BY RunId HAVING argMaxIf(Value, Version, Field = 'hold') = '1'
        """;
}
