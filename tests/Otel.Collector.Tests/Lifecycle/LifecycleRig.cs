using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Otel.Collector.Artifacts;
using Otel.Collector.Audit;
using Otel.Collector.ClickHouse;
using Otel.Collector.ClickHouse.Schema;
using Otel.Collector.Ingest;
using Otel.Collector.Jobs;
using Otel.Collector.Pipeline;
using Otel.Collector.Retention;
using Otel.Collector.Runs.Lifecycle;
using Otel.Collector.Tests.Infrastructure;
using static Otel.Collector.Tests.EndToEnd.OtlpSpans;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.Lifecycle;

/// <summary>Lifecycle, purge and retention over an embedded database of their own, on a fake clock; runs arrive by the ingest path.</summary>
internal sealed class LifecycleRig : IAsyncDisposable
{
    private readonly JobWakeups _wakeups = new();
    private readonly string _artifactDirectory;

    private LifecycleRig(IClickHouseStore store, ExportPipeline pipeline, FakeTimeProvider clock, string artifactDirectory)
    {
        Store = store;
        Pipeline = pipeline;
        Clock = clock;
        _artifactDirectory = artifactDirectory;
        Artifacts = new FileSystemArtifactStore(artifactDirectory, 1 << 20, TimeProvider.System, NullLogger<FileSystemArtifactStore>.Instance);
        Audit = new AuditTrail(pipeline, "rig", clock, _wakeups);
        Ingest = new OtlpIngestService(pipeline, clock);
        Service = new RunLifecycleService(store, pipeline, Audit, new LifecycleClock(clock));
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public IClickHouseStore Store { get; }

    public ExportPipeline Pipeline { get; }

    public FakeTimeProvider Clock { get; }

    public FileSystemArtifactStore Artifacts { get; }

    public AuditTrail Audit { get; }

    public OtlpIngestService Ingest { get; }

    public RunLifecycleService Service { get; }

    public static async Task<LifecycleRig> StartAsync(string name, DateTimeOffset now)
    {
        var store = await TestStores.CreateEmbeddedAsync(name, Cancellation);
        var pipeline = new ExportPipeline(store, new ExportPipelineOptions { SpoolDirectory = TestSpool.Create(name), FlushInterval = TimeSpan.FromMilliseconds(1) },
            TimeProvider.System, NullLogger<ExportPipeline>.Instance);
        await pipeline.StartAsync(Cancellation);
        var artifacts = Path.Combine(Path.GetTempPath(), "otel-track-lifecycle-" + Guid.NewGuid().ToString("N"));
        return new LifecycleRig(store, pipeline, new FakeTimeProvider(now), artifacts);
    }

    /// <summary>The purge job over <paramref name="store"/> (the rig's own by default).</summary>
    public RunPurgeJob PurgeJob(IClickHouseStore? store = null)
    {
        var over = store ?? Store;
        var purger = new RunPurger(over, new DirectDeletes(over, StorageSchema.SingleNode(Store.Database)), new UnreferencedArtifacts(over, Artifacts), new Lazy<IAuditTrail>(Audit));
        return new RunPurgeJob(over, purger, new RunLifecycleOptions(), Clock);
    }

    public RetentionForecaster Forecaster => new(Store, Clock);

    public RetentionJob RetentionJob => new(new RetentionPolicyStore(Store, Pipeline), Forecaster, new DirectDeletes(Store, StorageSchema.SingleNode(Store.Database)),
        new UnreferencedArtifacts(Store, Artifacts), new Lazy<IAuditTrail>(Audit), new RetentionOptions());

    public static Task RunAsync(IJob job) => job.RunOnceAsync(new JobRun(job.Name, 1, "rig"), Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

    /// <summary>
    /// A finished run of service "trainer" from T0: a val_loss point at each of <paramref name="pointTimes"/> (unix ns), and
    /// an artifact at T0 + 1 s whose bytes are <paramref name="artifactContent"/> (stored in the artifact store), when given.
    /// </summary>
    public async Task<string?> SendRunAsync(string runId, string experiment, ulong[] pointTimes, string? artifactContent = null)
    {
        var span = RunSpan("ml.run", runId, experiment, runId);
        for (var i = 0; i < pointTimes.Length; i++)
        {
            span.Events.Add(MetricEvent("val_loss", 1.0 / (i + 1), i, pointTimes[i]));
        }

        string? sha = null;
        if (artifactContent is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(artifactContent);
            sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
            await Artifacts.PutAsync(sha, new MemoryStream(bytes), Cancellation);
            span.Events.Add(Event("ml.artifact", Attr("ml.artifact.path", "model.bin"), Attr("ml.artifact.sha256", sha),
                Attr("ml.artifact.size", (long)bytes.Length), Attr("ml.artifact.kind", "model"), Attr("ml.artifact.uri", "otel-track://artifacts/sha256/" + sha)));
        }

        var request = Request([Attr("service.name", "trainer")], RunSpan("ml.run.start", runId, experiment, runId), span);
        var result = await Ingest.IngestTracesAsync(TraceExport.FromMessage(request), Cancellation);
        Assert.Equal(IngestOutcome.Accepted, result.Outcome);
        return sha;
    }

    /// <summary>A registered model version backed by <paramref name="runId"/>, written as the registry would (a row of ml_model_versions).</summary>
    public Task RegisterAsync(string runId, string sha256) =>
        Store.InsertAsync("ml_model_versions", "JSONEachRow", Encoding.UTF8.GetBytes(
            $$"""{"Name":"churn","Version":1,"RunId":"{{runId}}","ArtifactPath":"model.bin","ArtifactSha256":"{{sha256}}","CreatedBy":"alice","CreatedAt":0,"UpdatedAt":0}""" + "\n"),
            null, Cancellation);

    public async Task<long> CountAsync(string sql, string runId)
    {
        var text = Encoding.UTF8.GetString(await Store.QueryAsync(sql, "TabSeparated", new QueryParameters().Add("id", runId), Cancellation));
        return long.Parse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Rows of the run in each experiment table and raw table, by table.</summary>
    public async Task<Dictionary<string, long>> RowsOfAsync(string runId)
    {
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in RunData.ExperimentTables)
        {
            rows[table] = await CountAsync($"SELECT count() FROM {table} WHERE RunId = {{id:String}}", runId);
        }

        foreach (var raw in RunData.RawTables)
        {
            rows[raw.Table] = await CountAsync($"SELECT count() FROM {raw.Table} WHERE {raw.RunIdColumn} = {{id:String}}", runId);
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await Pipeline.DisposeAsync();
        await Store.DisposeAsync();
        Service.Dispose();
        _wakeups.Dispose();
        if (Directory.Exists(_artifactDirectory))
        {
            Directory.Delete(_artifactDirectory, recursive: true);
        }
    }
}
