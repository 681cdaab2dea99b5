using Otel.Tracking.EnvironmentCapture;
using static Otel.Tracking.MlSemanticConventions;

namespace Otel.Tracking.Tests.EnvironmentCapture;

/// <summary>Each CI system from its own variables, passed as a dictionary (the real environment is never changed).</summary>
public sealed class CiDetectorTests
{
    [Fact]
    public void GitHubActions()
    {
        var ci = Detect(new()
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_RUN_ID"] = "9753949763",
            ["GITHUB_RUN_ATTEMPT"] = "2",
            ["GITHUB_WORKFLOW"] = "train",
            ["GITHUB_SERVER_URL"] = "https://github.com",
            ["GITHUB_REPOSITORY"] = "org/repo",
            ["GITHUB_JOB"] = "fit",
        });

        Assert.Equal("github_actions", ci[CicdProvider]);
        Assert.Equal("train", ci[CicdPipelineName]);
        Assert.Equal("9753949763", ci[CicdPipelineRunId]);
        Assert.Equal("https://github.com/org/repo/actions/runs/9753949763", ci[CicdPipelineRunUrlFull]);
        Assert.Equal(2L, ci[CicdRunAttempt]);
        Assert.Equal("fit", ci[CicdPipelineTaskName]);
    }

    [Fact]
    public void GitLabCi()
    {
        var ci = Detect(new()
        {
            ["GITLAB_CI"] = "true",
            ["CI_PIPELINE_ID"] = "1234",
            ["CI_JOB_ID"] = "5678",
            ["CI_JOB_NAME"] = "train",
            ["CI_PIPELINE_URL"] = "https://gitlab.com/group/project/-/pipelines/1234",
            ["CI_PROJECT_PATH"] = "group/project",
        });

        Assert.Equal("gitlab_ci", ci[CicdProvider]);
        Assert.Equal("group/project", ci[CicdPipelineName]);
        Assert.Equal("1234", ci[CicdPipelineRunId]);
        Assert.Equal("https://gitlab.com/group/project/-/pipelines/1234", ci[CicdPipelineRunUrlFull]);
        Assert.Equal(1L, ci[CicdRunAttempt]);
        Assert.Equal("train", ci[CicdPipelineTaskName]);
        Assert.Equal("5678", ci[CicdPipelineTaskRunId]);
    }

    [Fact]
    public void GitLabCi_NamedPipelineAndRetriedJob()
    {
        var ci = Detect(new()
        {
            ["GITLAB_CI"] = "true",
            ["CI_PIPELINE_ID"] = "1",
            ["CI_PIPELINE_NAME"] = "nightly training",
            ["CI_PROJECT_PATH"] = "group/project",
            ["CI_JOB_RETRY_COUNT"] = "2",
        });

        Assert.Equal("nightly training", ci[CicdPipelineName]);
        Assert.Equal(3L, ci[CicdRunAttempt]);
    }

    [Fact]
    public void Jenkins()
    {
        var ci = Detect(new()
        {
            ["JENKINS_URL"] = "https://jenkins.example.com/",
            ["BUILD_NUMBER"] = "42",
            ["BUILD_URL"] = "https://jenkins.example.com/job/train/42/",
            ["JOB_NAME"] = "train",
        });

        Assert.Equal("jenkins", ci[CicdProvider]);
        Assert.Equal("train", ci[CicdPipelineName]);
        Assert.Equal("42", ci[CicdPipelineRunId]);
        Assert.Equal("https://jenkins.example.com/job/train/42/", ci[CicdPipelineRunUrlFull]);
        Assert.Equal(1L, ci[CicdRunAttempt]);
    }

    [Fact]
    public void AzurePipelines()
    {
        var ci = Detect(new()
        {
            ["TF_BUILD"] = "True",
            ["BUILD_BUILDID"] = "314",
            ["SYSTEM_COLLECTIONURI"] = "https://dev.azure.com/fabrikam/",
            ["SYSTEM_TEAMPROJECT"] = "ML Team",
            ["BUILD_DEFINITIONNAME"] = "train-ci",
            ["SYSTEM_JOBATTEMPT"] = "3",
            ["SYSTEM_JOBDISPLAYNAME"] = "Train",
            ["SYSTEM_JOBID"] = "12f1170f-54f2-53f3-20dd-22fc7dff55f9",
        });

        Assert.Equal("azure_pipelines", ci[CicdProvider]);
        Assert.Equal("train-ci", ci[CicdPipelineName]);
        Assert.Equal("314", ci[CicdPipelineRunId]);
        Assert.Equal("https://dev.azure.com/fabrikam/ML%20Team/_build/results?buildId=314", ci[CicdPipelineRunUrlFull]);
        Assert.Equal(3L, ci[CicdRunAttempt]);
        Assert.Equal("Train", ci[CicdPipelineTaskName]);
    }

    [Fact]
    public void CircleCi()
    {
        var ci = Detect(new()
        {
            ["CIRCLECI"] = "true",
            ["CIRCLE_WORKFLOW_ID"] = "6f1b2c3d-0000-4000-8000-000000000001",
            ["CIRCLE_BUILD_NUM"] = "77",
            ["CIRCLE_BUILD_URL"] = "https://circleci.com/gh/org/repo/77",
            ["CIRCLE_JOB"] = "train",
            ["CIRCLE_PROJECT_REPONAME"] = "repo",
        });

        Assert.Equal("circleci", ci[CicdProvider]);
        Assert.Equal("repo", ci[CicdPipelineName]);
        Assert.Equal("6f1b2c3d-0000-4000-8000-000000000001", ci[CicdPipelineRunId]);
        Assert.Equal("https://circleci.com/gh/org/repo/77", ci[CicdPipelineRunUrlFull]);
        Assert.Equal(1L, ci[CicdRunAttempt]);
        Assert.Equal("train", ci[CicdPipelineTaskName]);
        Assert.Equal("77", ci[CicdPipelineTaskRunId]);
    }

    [Fact]
    public void Buildkite()
    {
        var ci = Detect(new()
        {
            ["BUILDKITE"] = "true",
            ["BUILDKITE_BUILD_ID"] = "0190a1b2-0000-4000-8000-000000000002",
            ["BUILDKITE_BUILD_NUMBER"] = "12",
            ["BUILDKITE_BUILD_URL"] = "https://buildkite.com/org/train/builds/12",
            ["BUILDKITE_PIPELINE_SLUG"] = "train",
            ["BUILDKITE_RETRY_COUNT"] = "1",
        });

        Assert.Equal("buildkite", ci[CicdProvider]);
        Assert.Equal("train", ci[CicdPipelineName]);
        Assert.Equal("0190a1b2-0000-4000-8000-000000000002", ci[CicdPipelineRunId]);
        Assert.Equal("https://buildkite.com/org/train/builds/12", ci[CicdPipelineRunUrlFull]);
        Assert.Equal(2L, ci[CicdRunAttempt]);
    }

    [Fact]
    public void NoCi_CapturesNothing()
    {
        Assert.Empty(CiDetector.Detect(_ => null).Items);
        Assert.Empty(Detect(new() { ["GITHUB_ACTIONS"] = "false", ["CI"] = "true", ["BUILD_NUMBER"] = "3" }).Items);
    }

    [Fact]
    public void BadAttemptValue_FallsBackToOne()
    {
        var ci = Detect(new() { ["GITHUB_ACTIONS"] = "true", ["GITHUB_RUN_ATTEMPT"] = "abc" });

        Assert.Equal(1L, ci[CicdRunAttempt]);
        Assert.Null(ci[CicdPipelineRunUrlFull]);
    }

    [Fact]
    public void JenkinsUrlWithCredentials_IsStripped()
    {
        var ci = Detect(new() { ["JENKINS_URL"] = "x", ["BUILD_URL"] = "https://bot:pw@jenkins.example.com/job/a/1/" });

        Assert.Equal("https://jenkins.example.com/job/a/1/", ci[CicdPipelineRunUrlFull]);
    }

    private static ResourceAttributes Detect(Dictionary<string, string> variables) =>
        CiDetector.Detect(name => variables.GetValueOrDefault(name));
}
