using OpenTelemetry.Exporter;
using Otel.Collector.Tests.Artifacts;
using Otel.Collector.Tests.Infrastructure;
using Otel.Tracking;

namespace Otel.Collector.Tests.EndToEnd;

/// <summary>
/// Two different files with the same name logged to one run: as in MLflow, the artifact path is the key, so the run lists
/// one artifact under that path, the one logged last; the first file's bytes stay in the content-addressed store.
/// </summary>
public sealed class SdkSameArtifactNameEndToEndTests
{
    [Fact]
    public async Task LogArtifact_TwoFilesWithTheSameName_TheLaterReplacesTheEarlierUnderThatPath()
    {
        await using var collector = await RunningCollector.StartAsync("sdk_same_artifact_name");
        var ct = TestContext.Current.CancellationToken;
        using var source = ArtifactTestData.NewDirectory();
        var first = Path.Combine(source.Path, "x", "model.txt");
        var second = Path.Combine(source.Path, "y", "model.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(first)!);
        Directory.CreateDirectory(Path.GetDirectoryName(second)!);
        await File.WriteAllTextAsync(first, "first model", ct);
        await File.WriteAllTextAsync(second, "second model", ct);
        string runId;
        Otel.Tracking.Artifacts.ArtifactInfo earlier, later;
        using (var tracking = MlTracking.Create(o =>
        {
            o.Endpoint = collector.Host.HttpEndpoint;
            o.ArtifactEndpoint = collector.Host.HttpEndpoint;
            o.Protocol = OtlpExportProtocol.HttpProtobuf;
            o.HandleTerminationSignals = false;
            o.BufferOffline = false;
            o.CaptureGitDiff = false;
        }))
        {
            using var run = tracking.StartRun(new RunOptions { Experiment = "same-name-" + Guid.NewGuid().ToString("N") });
            runId = run.Id;
            earlier = await run.LogArtifactAsync(first, cancellationToken: ct).WaitAsync(TestTimeouts.Default, ct);
            later = await run.LogArtifactAsync(second, cancellationToken: ct).WaitAsync(TestTimeouts.Default, ct);
        }

        Assert.Equal("model.txt", earlier.Path);
        Assert.Equal("model.txt", later.Path);
        Assert.True(earlier.Uploaded && later.Uploaded);
        var listed = Assert.Single((await collector.GetRunAsync(runId)).Artifacts);
        Assert.Equal("model.txt", listed.Path);
        Assert.Equal(later.Sha256, listed.Sha256);
        using var earlierBytes = await collector.Api.GetAsync($"api/artifacts/{earlier.Sha256}", ct).WaitAsync(TestTimeouts.Default, ct);
        Assert.Equal("first model", await earlierBytes.EnsureSuccessStatusCode().Content.ReadAsStringAsync(ct));
    }
}
