using System.Net;
using Otel.Collector.Tests.Infrastructure;
using Otel.Tracking;

namespace Otel.Collector.Tests.Artifacts;

/// <summary>The SDK's uploads against the real artifact API: HEAD, 100-continue PUT, dedupe, verified reads.</summary>
public sealed class SdkArtifactUploadTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly ArtifactTestData.TempDir _source = ArtifactTestData.NewDirectory();
    private ArtifactApiHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await ArtifactApiHost.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _source.Dispose();
    }

    [Fact]
    public async Task LogArtifactAsync_DirectoryTwiceFromTwoRuns_StoredOnceAndServedVerified()
    {
        var model = ArtifactTestData.Bytes(3_000_000, seed: 21);
        Directory.CreateDirectory(Path.Combine(_source.Path, "out", "sub"));
        await File.WriteAllBytesAsync(Path.Combine(_source.Path, "out", "model.bin"), model, _ct);
        await File.WriteAllBytesAsync(Path.Combine(_source.Path, "out", "sub", "copy.bin"), model, _ct);
        await File.WriteAllTextAsync(Path.Combine(_source.Path, "out", "notes.txt"), "notes", _ct);
        // The diff of whatever checkout the tests run in is not this test's to upload.
        using var tracking = new MlTracking(new MlTrackingOptions { ArtifactEndpoint = _host.Address, HandleTerminationSignals = false, CaptureGitDiff = false });

        using var first = tracking.StartRun(new RunOptions { Experiment = "sdk-upload" });
        var logged = await first.LogArtifactAsync(Path.Combine(_source.Path, "out"), kind: "model", cancellationToken: _ct).WaitAsync(TestTimeouts.Default, _ct);
        using var second = tracking.StartRun(new RunOptions { Experiment = "sdk-upload" });
        var again = await second.LogArtifactAsync(Path.Combine(_source.Path, "out"), cancellationToken: _ct).WaitAsync(TestTimeouts.Default, _ct);

        Assert.True(logged.Uploaded);
        Assert.True(again.Uploaded);
        Assert.Equal(logged.Sha256, again.Sha256);
        Assert.Equal(2, _host.Directory.Files("sha256").Length);
        using var client = _host.CreateClient();
        using var get = await client.GetAsync($"api/artifacts/{ArtifactTestData.Sha256(model)}", _ct).WaitAsync(TestTimeouts.Default, _ct);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(model, await get.Content.ReadAsByteArrayAsync(_ct));
    }
}
