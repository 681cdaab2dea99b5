namespace Otel.Tracking;

/// <summary>
/// Every attribute, span, event and status name of wire contract v1 (docs/semantic-conventions.md), for any SDK.
/// The SDK emits these and the collector reads them; nothing else spells them. The .NET SDK's own telemetry names
/// are its own (SdkTelemetryNames there).
/// </summary>
public static class MlSemanticConventions
{
    /// <summary>Schema URL of the OpenTelemetry semantic conventions these names follow.</summary>
    public const string SchemaUrl = "https://opentelemetry.io/schemas/1.44.0";

    // Span names.
    public const string RunSpan = "ml.run";
    public const string RunStartSpan = "ml.run.start";
    public const string RunMetricsSpan = "ml.run.metrics";
    public const string RunHeartbeatSpan = "ml.run.heartbeat";

    // Run identity and description, on spans.
    public const string RunId = "ml.run.id";
    public const string RunName = "ml.run.name";
    public const string RunParentId = "ml.run.parent_id";
    public const string RunStatus = "ml.run.status";
    public const string ExperimentName = "ml.experiment.name";
    public const string ParamPrefix = "ml.param.";
    public const string TagPrefix = "ml.tag.";

    // A single metric point: event ml.metric.
    public const string MetricEvent = "ml.metric";
    public const string MetricKey = "ml.metric.key";
    public const string MetricValue = "ml.metric.value";
    public const string MetricStep = "ml.metric.step";

    // The batched form: event ml.metrics with parallel arrays.
    public const string MetricsEvent = "ml.metrics";
    public const string MetricKeys = "ml.metric.keys";
    public const string MetricValues = "ml.metric.values";
    public const string MetricSteps = "ml.metric.steps";
    public const string MetricTimestamps = "ml.metric.timestamps";

    /// <summary>Stored by the collector in place of the arrays of an ml.metrics event in otel_traces.</summary>
    public const string MetricCount = "ml.metric.count";

    // Artifacts and datasets (recorded from issue 3 on; names fixed by the contract).
    public const string ArtifactEvent = "ml.artifact";
    public const string ArtifactPath = "ml.artifact.path";
    public const string ArtifactSha256 = "ml.artifact.sha256";
    public const string ArtifactSize = "ml.artifact.size";
    public const string ArtifactUri = "ml.artifact.uri";
    public const string ArtifactKind = "ml.artifact.kind";

    public const string DatasetEvent = "ml.dataset";
    public const string DatasetName = "ml.dataset.name";
    public const string DatasetDigest = "ml.dataset.digest";
    public const string DatasetUri = "ml.dataset.uri";
    public const string DatasetRows = "ml.dataset.rows";
    public const string DatasetContext = "ml.dataset.context";
    public const string DatasetSize = "ml.dataset.size";
    public const string DatasetFormat = "ml.dataset.format";

    /// <summary>JSON array of <c>{"name", "type"}</c> columns, for CSV and Parquet datasets.</summary>
    public const string DatasetSchema = "ml.dataset.schema";

    /// <summary>The random seed the run was given through the run API (int).</summary>
    public const string RunSeed = "ml.run.seed";

    /// <summary>Id of the run this run reproduces (<c>otel-track reproduce --run</c>).</summary>
    public const string RunReproduces = "ml.run.reproduces";

    /// <summary>How many steps the run means to take (int, positive), so readers can show progress and an ETA.</summary>
    public const string RunTotalSteps = "ml.run.total_steps";

    // Production telemetry links to training by these (with ml.run.id), on the serving process's resource.
    public const string ModelName = "ml.model.name";
    public const string ModelVersion = "ml.model.version";

    // Production telemetry (docs/semantic-conventions.md, "Production"): feature and prediction distributions as
    // standard instruments, binned against the version's training baseline.

    /// <summary>Histogram of a numeric feature's values; bucket bounds are the baseline's bounds for that feature.</summary>
    public const string ServingFeature = "ml.serving.feature";

    /// <summary>Counter of a categorical feature's values; <see cref="FeatureCategory"/> is the category.</summary>
    public const string ServingFeatureCategory = "ml.serving.feature.category";

    /// <summary>Histogram of a numeric model output; bucket bounds are the baseline's bounds for that output.</summary>
    public const string ServingPrediction = "ml.serving.prediction";

    /// <summary>Counter of a categorical model output (a class); <see cref="PredictionCategory"/> is the class.</summary>
    public const string ServingPredictionCategory = "ml.serving.prediction.category";

    public const string FeatureName = "ml.feature.name";
    public const string FeatureCategory = "ml.feature.category";
    public const string PredictionName = "ml.prediction.name";
    public const string PredictionCategory = "ml.prediction.category";

    /// <summary>The category recorded for a value outside the baseline's top categories, which bounds cardinality.</summary>
    public const string OtherCategory = "__other__";

    /// <summary>OpenTelemetry's HTTP server duration histogram (unit s): the source of availability and latency SLIs.</summary>
    public const string HttpServerRequestDuration = "http.server.request.duration";

    public const string HttpRoute = "http.route";
    public const string HttpResponseStatusCode = "http.response.status_code";
    public const string DeploymentEnvironmentName = "deployment.environment.name";

    // A training run's baseline profile: one span event ml.baseline per feature or output (docs/semantic-conventions.md).
    public const string BaselineEvent = "ml.baseline";

    /// <summary>The feature's or the output's name.</summary>
    public const string BaselineName = "ml.baseline.name";

    /// <summary><c>feature</c> or <c>prediction</c> (values in <see cref="BaselineKinds"/>).</summary>
    public const string BaselineKind = "ml.baseline.kind";

    /// <summary><c>numeric</c> or <c>categorical</c> (values in <see cref="BaselineTypes"/>).</summary>
    public const string BaselineType = "ml.baseline.type";

    /// <summary>Numeric: the inner bin edges (double array, ascending); bin i holds values v with bounds[i-1] &lt; v &lt;= bounds[i], as OTLP buckets.</summary>
    public const string BaselineBounds = "ml.baseline.bounds";

    /// <summary>Categorical: the top categories (string array); values outside them count under <see cref="OtherCategory"/>.</summary>
    public const string BaselineCategories = "ml.baseline.categories";

    /// <summary>Counts per bin (numeric: bounds + 1 of them) or per category then other (categorical: categories + 1), int array.</summary>
    public const string BaselineCounts = "ml.baseline.counts";

    /// <summary>Digest of the dataset the profile was taken from, when it came from a logged dataset.</summary>
    public const string BaselineDatasetDigest = "ml.baseline.dataset.digest";

    /// <summary>Values of <see cref="BaselineKind"/>.</summary>
    public static class BaselineKinds
    {
        public const string Feature = "feature";
        public const string Prediction = "prediction";
    }

    /// <summary>Values of <see cref="BaselineType"/>.</summary>
    public static class BaselineTypes
    {
        public const string Numeric = "numeric";
        public const string Categorical = "categorical";
    }

    // Process metrics per active run, tagged with ml.run.id (OpenTelemetry semantic conventions).
    public const string ProcessMemoryUsage = "process.memory.usage";
    public const string ProcessCpuTime = "process.cpu.time";

    // Environment captured by the .NET SDK as resource attributes (docs: "Environment captured by the .NET SDK").
    // OpenTelemetry semantic-convention names where one exists, ml.* only where none does.

    // Version control (git), from the process working directory.
    public const string VcsRefHeadRevision = "vcs.ref.head.revision";
    public const string VcsRefHeadName = "vcs.ref.head.name";
    public const string VcsRefHeadType = "vcs.ref.head.type";
    public const string VcsRepositoryUrlFull = "vcs.repository.url.full";
    public const string VcsProviderName = "vcs.provider.name";

    /// <summary>True when tracked files differ from the commit (staged or not); untracked files do not count.</summary>
    public const string VcsDirty = "ml.vcs.dirty";

    /// <summary>Lowercase hex SHA-256 of the bytes of <c>git diff HEAD --binary</c>; only when dirty.</summary>
    public const string VcsDiffSha256 = "ml.vcs.diff.sha256";

    /// <summary>Artifact path of the uncommitted diff logged with a dirty run (opt-out: <c>CaptureGitDiff</c>).</summary>
    public const string VcsDiffArtifactPath = "vcs/uncommitted.diff";

    /// <summary>Values of <see cref="VcsRefHeadType"/>.</summary>
    public static class VcsRefType
    {
        public const string Branch = "branch";
    }

    /// <summary>Values of <see cref="VcsProviderName"/> the SDK recognises from the remote's host.</summary>
    public static class VcsProvider
    {
        public const string GitHub = "github";
        public const string GitLab = "gitlab";
    }

    // CI/CD, from the CI system's own environment variables.
    public const string CicdPipelineName = "cicd.pipeline.name";
    public const string CicdPipelineRunId = "cicd.pipeline.run.id";
    public const string CicdPipelineRunUrlFull = "cicd.pipeline.run.url.full";
    public const string CicdPipelineTaskName = "cicd.pipeline.task.name";
    public const string CicdPipelineTaskRunId = "cicd.pipeline.task.run.id";

    /// <summary>Which CI system ran the process (values in <see cref="CicdProviders"/>).</summary>
    public const string CicdProvider = "ml.cicd.provider";

    /// <summary>Attempt of the pipeline run or job (int, from 1); 1 where the CI system has no notion of it.</summary>
    public const string CicdRunAttempt = "ml.cicd.run.attempt";

    /// <summary>Values of <see cref="CicdProvider"/>.</summary>
    public static class CicdProviders
    {
        public const string GitHubActions = "github_actions";
        public const string GitLabCi = "gitlab_ci";
        public const string Jenkins = "jenkins";
        public const string AzurePipelines = "azure_pipelines";
        public const string CircleCi = "circleci";
        public const string Buildkite = "buildkite";
    }

    // Container.
    public const string ContainerId = "container.id";
    public const string ContainerImageName = "container.image.name";
    public const string ContainerImageTags = "container.image.tags";
    public const string ContainerImageId = "container.image.id";
    public const string ContainerImageRepoDigests = "container.image.repo_digests";

    // Host.
    public const string HostName = "host.name";
    public const string HostArch = "host.arch";
    public const string HostCpuModelName = "host.cpu.model.name";
    public const string OsType = "os.type";
    public const string OsDescription = "os.description";

    /// <summary>Logical processors available to the process (int).</summary>
    public const string HostCpuCount = "ml.host.cpu.count";

    /// <summary>Total physical memory in bytes (int).</summary>
    public const string HostMemoryBytes = "ml.host.memory.bytes";

    /// <summary>Model of the first GPU that <c>nvidia-smi</c> lists.</summary>
    public const string GpuModel = "ml.gpu.model";

    /// <summary>NVIDIA driver version that <c>nvidia-smi</c> reports.</summary>
    public const string GpuDriver = "ml.gpu.driver";

    /// <summary>Number of GPUs that <c>nvidia-smi</c> lists (int).</summary>
    public const string GpuCount = "ml.gpu.count";

    // Process.
    public const string ProcessRuntimeName = "process.runtime.name";
    public const string ProcessRuntimeVersion = "process.runtime.version";
    public const string ProcessRuntimeDescription = "process.runtime.description";
    public const string ProcessCommandLine = "process.command_line";

    /// <summary>The command's arguments as an array (string[]), the first being the program: what re-running uses, since a joined line cannot be split back reliably.</summary>
    public const string ProcessCommandArgs = "process.command_args";
    public const string ProcessExecutablePath = "process.executable.path";
    public const string ProcessPid = "process.pid";
    public const string ProcessOwner = "process.owner";
    public const string ProcessWorkingDirectory = "process.working_directory";

    /// <summary>NuGet packages the program runs with, from its <c>.deps.json</c>: sorted <c>Name/Version</c> strings.</summary>
    public const string ProcessPackages = "ml.process.packages";

    // Logging after the start and resuming (issue 12, docs/semantic-conventions.md "Logging after the start").

    /// <summary>Params logged after the run started: one event per call, carrying <c>ml.param.&lt;key&gt;</c> attributes.</summary>
    public const string ParamsEvent = "ml.params";

    /// <summary>True on the <c>ml.run.start</c> and <c>ml.run</c> spans of a process that resumed an existing run.</summary>
    public const string RunResumed = "ml.run.resumed";

    /// <summary>When the run first started (int, unix nanoseconds); a resumed process sends it so the run keeps its start.</summary>
    public const string RunFirstStartTime = "ml.run.first_start_time";

    /// <summary>The tag key (after <c>ml.tag.</c>) of a run's text note, MLflow's own key for a run's description.</summary>
    public const string NoteTag = "mlflow.note.content";

    /// <summary>Run status values as stored and shown.</summary>
    public static class Status
    {
        public const string Running = "RUNNING";
        public const string Finished = "FINISHED";
        public const string Failed = "FAILED";
        public const string Killed = "KILLED";
        public const string Lost = "LOST";
    }
}
