using System.Diagnostics;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Artifacts;

/// <summary>
/// A real S3-compatible server for the S3 store's tests: the npm package s3rver, installed once per user with
/// <c>npm install</c> into <c>${XDG_CACHE_HOME:-~/.cache}/otel-track/s3rver/VERSION</c> (as the collector fetches
/// chDB), run with node on a free loopback port, and stopped on dispose. <see cref="SkipReason"/> is set only when
/// node or npm is missing.
/// </summary>
public sealed class S3rverProcess : IAsyncLifetime
{
    public const string Version = "3.7.1";
    public const string Bucket = "artifacts";

    // s3rver's built-in account. It checks the access key; SigV4 signatures it parses but does not verify.
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private Process? _process;
    private string? _dataDirectory;

    public Uri Endpoint { get; private set; } = null!;

    public string? SkipReason { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (Missing("node") is { } node)
        {
            SkipReason = node;
            return;
        }

        if (Missing("npm") is { } npm)
        {
            SkipReason = npm;
            return;
        }

        var script = await InstallAsync();
        _dataDirectory = Directory.CreateTempSubdirectory("otel-track-s3rver-").FullName;
        _process = Start(script, _dataDirectory);
        Endpoint = await WaitForListeningAsync(_process);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }

            await _process.WaitForExitAsync().WaitAsync(StartTimeout);
            _process.Dispose();
        }

        if (_dataDirectory is not null)
        {
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string? Missing(string tool) => NpmPackageCache.Missing(tool);

    private static async Task<string> InstallAsync() =>
        Path.Combine(await NpmPackageCache.InstallAsync("s3rver", "s3rver", Version, Path.Combine("node_modules", "s3rver", "bin", "s3rver.js")),
            "node_modules", "s3rver", "bin", "s3rver.js");

    private static Process Start(string script, string dataDirectory)
    {
        var startInfo = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { script, "-d", dataDirectory, "-a", "127.0.0.1", "-p", "0", "--silent", "--no-vhost-buckets", "--configure-bucket", Bucket })
        {
            startInfo.ArgumentList.Add(argument);
        }

        return Process.Start(startInfo)!;
    }

    /// <summary>Port 0 lets s3rver pick a free port; it prints "S3rver listening on 127.0.0.1:PORT" once serving.</summary>
    private static async Task<Uri> WaitForListeningAsync(Process process)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(StartTimeout);
        _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            const string Marker = "S3rver listening on ";
            if (line.StartsWith(Marker, StringComparison.Ordinal))
            {
                // Keep draining stdout so the server never blocks on a full pipe.
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                return new Uri("http://" + line[Marker.Length..].Trim() + "/");
            }
        }

        throw new InvalidOperationException($"s3rver exited (code {(process.HasExited ? process.ExitCode : -1)}) before listening");
    }
}
