using System.ComponentModel;
using System.Diagnostics;
using Otel.Collector.ClickHouse.ChDb;

namespace Otel.Collector.Tests.Infrastructure;

/// <summary>
/// npm packages that tests run with Node.js (s3rver, @clickhouse/client), installed once per user with
/// <c>npm install</c> into <c>${XDG_CACHE_HOME:-~/.cache}/otel-track/NAME/VERSION</c>, as the collector fetches chDB:
/// into a fresh directory renamed into place, under a cross-process lock.
/// </summary>
internal static class NpmPackageCache
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Why <paramref name="tool"/> (node, npm) cannot be run, or null when it can.</summary>
    public static string? Missing(string tool)
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo(tool, "--version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            if (probe is null || !probe.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                return $"{tool} --version did not finish";
            }

            return null;
        }
        catch (Win32Exception)
        {
            return $"{tool} is not on PATH: this test runs an npm package with Node.js";
        }
    }

    /// <summary>The directory holding <c>node_modules</c> with <paramref name="package"/>@<paramref name="version"/>; <paramref name="installed"/> is a file it must contain.</summary>
    public static async Task<string> InstallAsync(string cacheName, string package, string version, string installed)
    {
        var cacheRoot = Path.Combine(Path.GetDirectoryName(ChDbLibraryLocator.DefaultCacheRoot(Environment.GetEnvironmentVariable))!, cacheName);
        var target = Path.Combine(cacheRoot, version);
        if (File.Exists(Path.Combine(target, installed)))
        {
            return target;
        }

        Directory.CreateDirectory(cacheRoot);
        using var cacheLock = CacheDirectoryLock.Acquire(Path.Combine(cacheRoot, ".lock"), InstallTimeout, TestContext.Current.CancellationToken);
        if (File.Exists(Path.Combine(target, installed)))
        {
            return target;
        }

        var staging = Path.Combine(cacheRoot, $".staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var startInfo = new ProcessStartInfo("npm") { WorkingDirectory = staging, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "install", "--no-audit", "--no-fund", "--silent", "--prefix", staging, $"{package}@{version}" })
            {
                startInfo.ArgumentList.Add(argument);
            }

            using var npm = Process.Start(startInfo)!;
            var errors = npm.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            _ = npm.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await npm.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(InstallTimeout, TestContext.Current.CancellationToken);
            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm install {package}@{version} failed with exit code {npm.ExitCode}: {await errors}");
            }

            Directory.Move(staging, target);
            return target;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }
}
