using System.Globalization;
using static Otel.Tracking.MlSemanticConventions;

namespace Otel.Tracking.EnvironmentCapture;

/// <summary>
/// The CI run the process belongs to, from the variables each CI system sets for its jobs. The first system whose
/// marker variable is set wins; Jenkins is checked last because its variables can leak into nested environments.
/// </summary>
internal static class CiDetector
{
    public static ResourceAttributes Detect(Func<string, string?> variable)
    {
        var attributes = new ResourceAttributes();
        string? Get(string name) => variable(name) is { Length: > 0 } value ? value : null;
        bool IsTrue(string name) => string.Equals(Get(name), "true", StringComparison.OrdinalIgnoreCase);

        if (IsTrue("GITHUB_ACTIONS"))
        {
            var runId = Get("GITHUB_RUN_ID");
            var url = Get("GITHUB_SERVER_URL") is { } server && Get("GITHUB_REPOSITORY") is { } repository && runId is not null
                ? $"{server.TrimEnd('/')}/{repository}/actions/runs/{runId}"
                : null;
            Add(attributes, CicdProviders.GitHubActions, Get("GITHUB_WORKFLOW"), runId, url, Attempt(Get("GITHUB_RUN_ATTEMPT"), 0));
            AddTask(attributes, Get("GITHUB_JOB"), null);
        }
        else if (IsTrue("GITLAB_CI"))
        {
            // CI_JOB_RETRY_COUNT (0 on the first run) exists only in recent GitLab; older ones have no attempt number.
            Add(attributes, CicdProviders.GitLabCi, Get("CI_PIPELINE_NAME") ?? Get("CI_PROJECT_PATH"), Get("CI_PIPELINE_ID"),
                Get("CI_PIPELINE_URL"), Attempt(Get("CI_JOB_RETRY_COUNT"), 1));
            AddTask(attributes, Get("CI_JOB_NAME"), Get("CI_JOB_ID"));
        }
        else if (IsTrue("TF_BUILD"))
        {
            var buildId = Get("BUILD_BUILDID");
            var url = Get("SYSTEM_COLLECTIONURI") is { } collection && Get("SYSTEM_TEAMPROJECT") is { } project && buildId is not null
                ? $"{collection.TrimEnd('/')}/{Uri.EscapeDataString(project)}/_build/results?buildId={buildId}"
                : null;
            Add(attributes, CicdProviders.AzurePipelines, Get("BUILD_DEFINITIONNAME"), buildId, url, Attempt(Get("SYSTEM_JOBATTEMPT"), 0));
            AddTask(attributes, Get("SYSTEM_JOBDISPLAYNAME"), Get("SYSTEM_JOBID"));
        }
        else if (IsTrue("CIRCLECI"))
        {
            // The workflow is the pipeline run; CIRCLE_BUILD_URL links the job, the nearest page CircleCI names.
            Add(attributes, CicdProviders.CircleCi, Get("CIRCLE_PROJECT_REPONAME"), Get("CIRCLE_WORKFLOW_ID"),
                Get("CIRCLE_BUILD_URL"), attempt: 1);
            AddTask(attributes, Get("CIRCLE_JOB"), Get("CIRCLE_BUILD_NUM"));
        }
        else if (IsTrue("BUILDKITE"))
        {
            Add(attributes, CicdProviders.Buildkite, Get("BUILDKITE_PIPELINE_SLUG"), Get("BUILDKITE_BUILD_ID"),
                Get("BUILDKITE_BUILD_URL"), Attempt(Get("BUILDKITE_RETRY_COUNT"), 1));
            AddTask(attributes, Get("BUILDKITE_LABEL"), Get("BUILDKITE_JOB_ID"));
        }
        else if (Get("JENKINS_URL") is not null)
        {
            Add(attributes, CicdProviders.Jenkins, Get("JOB_NAME"), Get("BUILD_NUMBER"), Get("BUILD_URL"), attempt: 1);
        }

        return attributes;
    }

    private static void Add(ResourceAttributes attributes, string provider, string? pipeline, string? runId, string? url, long attempt)
    {
        attributes.Add(CicdProvider, provider);
        attributes.Add(CicdPipelineName, pipeline);
        attributes.Add(CicdPipelineRunId, runId);
        attributes.Add(CicdPipelineRunUrlFull, url is null ? null : RepositoryUrl.StripCredentials(url));
        attributes.Add(CicdRunAttempt, attempt);
    }

    private static void AddTask(ResourceAttributes attributes, string? name, string? runId)
    {
        attributes.Add(CicdPipelineTaskName, name);
        attributes.Add(CicdPipelineTaskRunId, runId);
    }

    /// <summary>
    /// The attempt from 1: <paramref name="offset"/> is 0 for systems that count attempts from 1 and 1 for those
    /// that count retries from 0. Missing or unreadable: 1.
    /// </summary>
    private static long Attempt(string? value, long offset) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number + offset >= 1 ? number + offset : 1;
}
