using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using Otel.Collector.ClickHouse;
using Otel.Collector.Ingest;
using Otel.Collector.Pipeline;
using Otel.Collector.Query;
using Otel.Collector.Tests.Infrastructure;
using Otel.Tracking.Query;

namespace Otel.Collector.Tests.Ingest;

/// <summary>
/// The real ingest path of one test: a fresh embedded store (own database), a started
/// <see cref="ExportPipeline"/> on the system clock, and <see cref="OtlpIngestService"/> whose
/// receive time is a fake clock fixed at <see cref="ReceivedAt"/>. Every call is bounded by
/// <see cref="TestTimeouts.Default"/> and the test's cancellation token.
/// </summary>
internal sealed class IngestHarness : IAsyncDisposable
{
    /// <summary>The collector's receive time (ml_run_liveness.LastSeen), 2026-02-03T04:05:06.1234567Z.</summary>
    public static readonly DateTimeOffset ReceivedAt = new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.Zero).AddTicks(1_234_567);

    private readonly ExportPipeline _pipeline;
    private readonly CancellationToken _cancellationToken;

    private IngestHarness(IClickHouseStore store, ExportPipeline pipeline, CancellationToken cancellationToken)
    {
        Store = store;
        _pipeline = pipeline;
        _cancellationToken = cancellationToken;
        Ingest = new OtlpIngestService(pipeline, new FakeTimeProvider(ReceivedAt));
        Runs = new RunQueries(store);
    }

    public IClickHouseStore Store { get; }

    public OtlpIngestService Ingest { get; }

    public RunQueries Runs { get; }

    /// <summary><see cref="ReceivedAt"/> in unix nanoseconds.</summary>
    public static long ReceivedAtNanos => (ReceivedAt - DateTimeOffset.UnixEpoch).Ticks * 100;

    public static async Task<IngestHarness> StartAsync(string name)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var store = await TestStores.CreateEmbeddedAsync(name, cancellationToken);
        try
        {
            var options = new ExportPipelineOptions { FlushInterval = TimeSpan.FromMilliseconds(10), SpoolDirectory = TestSpool.Create(name) };
            var pipeline = new ExportPipeline(store, options, TimeProvider.System, NullLogger<ExportPipeline>.Instance);
            await pipeline.StartAsync(cancellationToken);
            return new IngestHarness(store, pipeline, cancellationToken);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    public Task<IngestResult> SendAsync(ExportTraceServiceRequest request) =>
        Ingest.IngestTracesAsync(TraceExport.FromMessage(request), _cancellationToken).AsTask().WaitAsync(TestTimeouts.Default, _cancellationToken);

    public Task<IngestResult> SendAsync(ExportMetricsServiceRequest request) =>
        Ingest.IngestMetricsAsync(request, _cancellationToken).AsTask().WaitAsync(TestTimeouts.Default, _cancellationToken);

    public Task<IngestResult> SendAsync(ExportLogsServiceRequest request) =>
        Ingest.IngestLogsAsync(request, _cancellationToken).AsTask().WaitAsync(TestTimeouts.Default, _cancellationToken);

    /// <summary>Sends the request and asserts that all of it was accepted.</summary>
    public async Task SendAcceptedAsync(ExportTraceServiceRequest request) => Assert.Equal(IngestResult.Ok, await SendAsync(request));

    /// <summary>The rows of a query, read from JSONEachRow.</summary>
    public async Task<IReadOnlyList<JsonElement>> QueryAsync(string sql, QueryParameters? parameters = null) =>
        [.. JsonRows.Parse(await Store.QueryAsync(sql, "JSONEachRow", parameters, _cancellationToken).WaitAsync(TestTimeouts.Default, _cancellationToken))];

    /// <summary>The one row of a query; fails when there are none or several.</summary>
    public async Task<JsonElement> SingleAsync(string sql, QueryParameters? parameters = null) => Assert.Single(await QueryAsync(sql, parameters));

    /// <summary>A count the query returns in column <c>n</c>.</summary>
    public async Task<long> CountAsync(string sql, QueryParameters? parameters = null) => (await SingleAsync(sql, parameters)).Int64("n");

    public Task<RunDetail?> GetRunAsync(string runId) =>
        Runs.GetRunAsync(runId, _cancellationToken).WaitAsync(TestTimeouts.Default, _cancellationToken);

    public Task<IReadOnlyList<RunSummary>> ListRunsAsync(string? experiment) =>
        Runs.ListRunsAsync(experiment, 1000, _cancellationToken).WaitAsync(TestTimeouts.Default, _cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _pipeline.StopAsync(CancellationToken.None).WaitAsync(TestTimeouts.Default, CancellationToken.None);
        }
        finally
        {
            await Store.DisposeAsync();
        }
    }
}

/// <summary>Reads the array and 64-bit columns of JSONEachRow output (ClickHouse quotes 64-bit integers and writes NaN as null).</summary>
internal static class IngestRowReading
{
    public static IReadOnlyList<string> Strings(this JsonElement row, string column) =>
        [.. row.GetProperty(column).EnumerateArray().Select(e => e.GetString() ?? string.Empty)];

    public static IReadOnlyList<long> Int64s(this JsonElement row, string column) =>
        [.. row.GetProperty(column).EnumerateArray().Select(ToInt64)];

    public static IReadOnlyList<double> Doubles(this JsonElement row, string column) =>
        [.. row.GetProperty(column).EnumerateArray().Select(ToDouble)];

    public static IReadOnlyList<Dictionary<string, string>> Maps(this JsonElement row, string column) =>
        [.. row.GetProperty(column).EnumerateArray().Select(e => e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal))];

    public static bool Bool(this JsonElement row, string column) => row.GetProperty(column) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        var other => ToInt64(other) != 0,
    };

    private static long ToInt64(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? long.Parse(value.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture)
        : value.GetInt64();

    private static double ToDouble(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String => double.Parse(value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
        _ => double.NaN,
    };
}
