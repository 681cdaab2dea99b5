using System.Diagnostics;
using Otel.Tracking.Artifacts;
using Otel.Tracking.Datasets;
using Otel.Tracking.Runs;

namespace Otel.Tracking;

/// <summary>
/// Artifacts and datasets: digests computed while streaming, artifact bytes uploaded to the collector's
/// content-addressed store, and one <c>ml.artifact</c> or <c>ml.dataset</c> event per record on a short child span
/// of <c>ml.run</c> named like the event. None of this touches the metric buffer, so logging metrics never waits.
/// </summary>
public sealed partial class MlRun
{
    // OpenTelemetry keeps 128 events per span by default; a directory of more files takes more spans.
    private const int MaxRecordsPerSpan = 100;
    private const string DefaultDatasetContext = "training";

    private readonly Lock _artifactLock = new();
    private readonly HashSet<string> _storedArtifacts = new(StringComparer.Ordinal);
    private ArtifactUploader? _uploader;

    /// <summary>
    /// Logs a file or a directory as artifacts without blocking: it is checked here, then hashed and uploaded to the
    /// collector (see <see cref="MlTrackingOptions.ArtifactEndpoint"/>) in the background. Await the returned upload, or
    /// call <see cref="ArtifactUpload.Wait"/>, for its <see cref="ArtifactInfo"/>; ending the run waits for pending uploads
    /// for up to <see cref="MlTrackingOptions.ShutdownTimeout"/>, and an upload that fails or is still running then is
    /// reported on stderr, never lost silently. A file becomes the artifact <c>artifactPath</c> (default: its file name);
    /// each file of a directory becomes <c>artifactPath/relative/path</c> (default: the directory's name instead of
    /// <c>artifactPath</c>). Network failures are retried; an upload the collector refuses, or that is given up, still
    /// sends the event (with the local <c>file://</c> URI) and then faults the upload with an
    /// <see cref="ArtifactUploadException"/>, which is also written to stderr and the <c>Otel-Tracking-Artifacts</c> EventSource.
    /// </summary>
    /// <param name="path">A file or directory.</param>
    /// <param name="kind">What it is, e.g. <c>model</c>, <c>checkpoint</c>, <c>report</c> (<c>ml.artifact.kind</c>); optional.</param>
    /// <param name="artifactPath">
    /// Path of the artifact within the run, '/'-separated, e.g. <c>models/model.onnx</c> (for a directory, the path its
    /// files go under); optional.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidOperationException">The run has ended.</exception>
    public ArtifactUpload LogArtifact(string path, string? kind = null, string? artifactPath = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ThrowIfEnded();
        var source = LocalFiles.Resolve(path);
        var root = ArtifactRoot(source, artifactPath);
        var completion = Task.Run(() => LogFilesAsync(source, root, kind, CancellationToken.None));
        // Ending the run waits for the report as well, so a failure nobody awaited is on stderr before End returns.
        Track(completion.ContinueWith(
            static (task, state) => ((MlRun)state!).ReportIfFailed(task), this, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default));
        return new ArtifactUpload(root, completion);
    }

    /// <summary>
    /// Logs a file or a directory as <see cref="LogArtifact"/> does, for callers that await: the task completes when the
    /// bytes are hashed and uploaded and the events are recorded, and faults with an <see cref="ArtifactUploadException"/>
    /// (after the events are recorded) when the collector refused the bytes or could not be reached.
    /// </summary>
    /// <param name="path">A file or directory.</param>
    /// <param name="kind">What it is (<c>ml.artifact.kind</c>); optional.</param>
    /// <param name="artifactPath">Path of the artifact within the run (for a directory, the path its files go under); optional.</param>
    /// <param name="cancellationToken">Stops hashing and uploading (then throws <see cref="OperationCanceledException"/>).</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidOperationException">The run has ended.</exception>
    public Task<ArtifactInfo> LogArtifactAsync(string path, string? kind = null, string? artifactPath = null, CancellationToken cancellationToken = default)
    {
        try
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            ThrowIfEnded();
            var source = LocalFiles.Resolve(path);
            return Track(Task.Run(() => LogFilesAsync(source, ArtifactRoot(source, artifactPath), kind, cancellationToken), cancellationToken));
        }
        catch (Exception e) when (e is ArgumentException or FileNotFoundException or InvalidOperationException)
        {
            // As before: an awaiting caller sees these when it awaits.
            return Task.FromException<ArtifactInfo>(e);
        }
    }

    private static string ArtifactRoot(LocalFiles source, string? artifactPath)
    {
        var named = LocalFiles.NormalizeArtifactPath(artifactPath);
        return named.Length > 0 ? named : source.Name;
    }

    private async Task<ArtifactInfo> LogFilesAsync(LocalFiles source, string root, string? kind, CancellationToken cancellationToken)
    {
        var start = _time.GetUtcNow();
        var hashed = source.Files.Select(f => (File: f, Digest: Sha256Digest.ComputeFile(f.FullPath, cancellationToken))).ToList();

        var files = new List<ArtifactInfo>(hashed.Count);
        var failures = new List<(string Artifact, string Reason)>();
        string? unreachable = null;
        foreach (var (file, (sha256, size)) in hashed)
        {
            var artifact = source.IsDirectory ? root + "/" + file.RelativePath : root;
            var uploaded = false;
            if (unreachable is not null)
            {
                // One collector that is down should cost one round of retries per call, not one per file.
                ArtifactEventSource.Log.UploadFailed(Id, artifact, sha256, "skipped: " + unreachable);
                failures.Add((artifact, "skipped: " + unreachable));
            }
            else if (await UploadAsync(artifact, sha256, size, () => Sha256Digest.OpenRead(file.FullPath), cancellationToken) is { } result)
            {
                uploaded = result.Ok;
                unreachable = result.Unreachable ? result.Reason : null;
                if (!result.Ok)
                {
                    failures.Add((artifact, result.Reason));
                }
            }

            var uri = uploaded ? ArtifactEndpoint.StoredUri(sha256) : new Uri(file.FullPath);
            files.Add(new ArtifactInfo(artifact, sha256, size, kind, uri, uploaded, files: null));
        }

        // The records go out whatever happened to the bytes: the run keeps the digests and where the files are.
        EmitRecords(MlSemanticConventions.ArtifactEvent, [.. files.Select(RecordAttributes.Artifact)], start);
        var recorded = source.IsDirectory
            ? new ArtifactInfo(root, Sha256Digest.DirectoryDigest(hashed.Select(h => (h.File.RelativePath, h.Digest.Sha256))),
                files.Sum(f => f.Size), kind, source.SourceUri, files.All(f => f.Uploaded), files)
            : files[0];
        return failures.Count == 0 ? recorded : throw ArtifactUploadException.For(Id, recorded, failures);
    }

    /// <summary>
    /// Records a dataset file or directory (one <c>ml.dataset</c> event): streaming SHA-256 digest (for a directory,
    /// the manifest digest), size, <c>file://</c> URI, context and, for CSV, TSV and Parquet, the row count and column
    /// schema. The bytes are not uploaded. Reads every byte once, so it takes as long as reading the data. With context
    /// <c>training</c>, it also logs the dataset's baseline (one <c>ml.baseline</c> event per CSV, TSV or Parquet column,
    /// from a sample of <see cref="MlTrackingOptions.BaselineMaxRows"/> rows; Parquet is read a second time), unless
    /// <see cref="MlTrackingOptions.ProfileTrainingDatasets"/> is off. The <paramref name="targets"/> column is profiled
    /// as a prediction, the reference for what the model outputs, not as a feature.
    /// </summary>
    /// <param name="path">A file or directory.</param>
    /// <param name="name">Dataset name; default: the file or directory name.</param>
    /// <param name="context">How the run uses it: <c>training</c> (default), <c>validation</c>, <c>test</c> or any other text.</param>
    /// <param name="targets">The column the model learns to predict (MLflow's <c>targets</c>), e.g. <c>label</c>; none by default.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty, or a training dataset's table has no column <paramref name="targets"/>.</exception>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidOperationException">The run has ended.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
        Justification = "The overloads differ by their first parameter (a path or a stream), so no call is ambiguous; targets is MLflow's optional argument.")]
    public DatasetInfo LogDataset(string path, string? name = null, string context = DefaultDatasetContext, string? targets = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ThrowIfEnded();
        var start = _time.GetUtcNow();
        var sampler = SamplerFor(ContextOrDefault(context));
        var info = DatasetInspector.FromPath(path, string.IsNullOrEmpty(name) ? null : name, ContextOrDefault(context),
            reason => ArtifactEventSource.Log.InspectionFailed(Id, path, reason), sampler);
        EmitRecords(MlSemanticConventions.DatasetEvent, [RecordAttributes.Dataset(info)], start);
        LogDatasetBaseline(info, sampler, targets, start);
        return info;
    }

    /// <summary>
    /// Records a dataset read from <paramref name="stream"/> (from its position to its end; not disposed). The format
    /// follows the extension of <paramref name="name"/>: CSV and TSV rows are counted while hashing; a Parquet footer
    /// is read only when the stream can seek. With context <c>training</c>, logs the baseline as the path overload does.
    /// </summary>
    /// <param name="stream">The data.</param>
    /// <param name="name">Dataset name, e.g. <c>train.csv</c>.</param>
    /// <param name="context">How the run uses it: <c>training</c> (default), <c>validation</c>, <c>test</c> or any other text.</param>
    /// <param name="uri">Where the data comes from (<c>ml.dataset.uri</c>), e.g. <c>s3://bucket/train.csv</c>; optional.</param>
    /// <param name="targets">The column the model learns to predict, profiled as a prediction (see the path overload); none by default.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty, or a training dataset's table has no column <paramref name="targets"/>.</exception>
    /// <exception cref="InvalidOperationException">The run has ended.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
        Justification = "The overloads differ by their first parameter (a path or a stream), so no call is ambiguous; targets is MLflow's optional argument.")]
    public DatasetInfo LogDataset(Stream stream, string name, string context = DefaultDatasetContext, Uri? uri = null, string? targets = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ThrowIfEnded();
        var start = _time.GetUtcNow();
        var sampler = SamplerFor(ContextOrDefault(context));
        var info = DatasetInspector.FromStream(stream, name, ContextOrDefault(context), uri,
            reason => ArtifactEventSource.Log.InspectionFailed(Id, name, reason), sampler);
        EmitRecords(MlSemanticConventions.DatasetEvent, [RecordAttributes.Dataset(info)], start);
        LogDatasetBaseline(info, sampler, targets, start);
        return info;
    }

    /// <summary>In-memory bytes as one artifact (the SDK's own, e.g. the uncommitted git diff).</summary>
    internal async Task<ArtifactInfo> LogArtifactBytesAsync(byte[] content, string artifactPath, string? kind, CancellationToken cancellationToken, bool allowAfterEnd = false)
    {
        if (!allowAfterEnd)
        {
            ThrowIfEnded();
        }

        var start = _time.GetUtcNow();
        var path = LocalFiles.NormalizeArtifactPath(artifactPath);
        var (sha256, size) = Sha256Digest.Compute(new MemoryStream(content, writable: false), observe: null, cancellationToken);
        var uploaded = await UploadAsync(path, sha256, size, () => new MemoryStream(content, writable: false), cancellationToken) is { Ok: true };
        var info = new ArtifactInfo(path, sha256, size, kind, uploaded ? ArtifactEndpoint.StoredUri(sha256) : null, uploaded, files: null);
        EmitRecords(MlSemanticConventions.ArtifactEvent, [RecordAttributes.Artifact(info)], start);
        return info;
    }

    private void ThrowIfEnded()
    {
        lock (_sync)
        {
            if (_status is not null)
            {
                throw new InvalidOperationException($"Run {Id} has ended: log artifacts and datasets before ending it.");
            }
        }
    }

    private static string ContextOrDefault(string? context) => string.IsNullOrWhiteSpace(context) ? DefaultDatasetContext : context;

    /// <summary>Null when uploads are off. Content this run stored already is not offered again.</summary>
    private async Task<UploadResult?> UploadAsync(string artifact, string sha256, long size, Func<Stream> open, CancellationToken cancellationToken)
    {
        if (!_settings.UploadArtifacts)
        {
            return null;
        }

        ArtifactUploader uploader;
        lock (_artifactLock)
        {
            if (_storedArtifacts.Contains(sha256))
            {
                return UploadResult.Stored;
            }

            uploader = _uploader ??= new ArtifactUploader(
                ArtifactEndpoint.Resolve(_settings, Environment.GetEnvironmentVariable), _settings.ArtifactUploadAttempts, _settings.ArtifactRetryDelay,
                Export.OtlpHeaders.Resolve(_settings, Environment.GetEnvironmentVariable));
        }

        var progress = UploadProgressLine.Start(artifact, size);
        var result = await uploader.UploadAsync(sha256, progress is null ? open : () => new ProgressReadStream(open(), progress.Report), size, cancellationToken);
        progress?.Finish(result.Ok);
        if (result.Ok)
        {
            lock (_artifactLock)
            {
                _storedArtifacts.Add(sha256);
            }
        }
        else
        {
            ArtifactEventSource.Log.UploadFailed(Id, artifact, sha256, result.Reason);
        }

        return result;
    }

    /// <summary>Each record is one event named <paramref name="name"/> on a child span of the same name; never throws.</summary>
    private void EmitRecords(string name, List<ActivityTagsCollection> records, DateTimeOffset start)
    {
        if (_span is null || records.Count == 0)
        {
            return;
        }

        try
        {
            var end = _time.GetUtcNow();
            for (var first = 0; first < records.Count; first += MaxRecordsPerSpan)
            {
                var span = RunSpans.StartChild(name, _span.Context, _identity, start);
                if (span is null)
                {
                    return;
                }

                if (span.IsAllDataRequested)
                {
                    foreach (var record in records.Skip(first).Take(MaxRecordsPerSpan))
                    {
                        // Stamped when logged, not when uploaded: of two artifacts at one path, the later call wins (as in
                        // MLflow), however the background uploads finish.
                        span.AddEvent(new ActivityEvent(name, start, record));
                    }
                }

                RunSpans.Stop(span, end);
            }
        }
        catch (Exception exception)
        {
            ArtifactEventSource.Log.EmitFailed(Id, exception);
        }
    }
}
