using System.ComponentModel;
using System.Diagnostics;

namespace Otel.Collector.ClickHouse.ChDb;

/// <summary>
/// Fetches the package with <c>npm pack</c>, which knows the user's registry and proxy settings,
/// so no registry address is written here.
/// </summary>
internal sealed class NpmPackSource(string npmExecutable = "npm") : IChDbPackageSource
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    public string FetchTarball(ChDbPackage package, string workDirectory, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(npmExecutable)
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("pack");
        startInfo.ArgumentList.Add(package.NpmSpec);
        startInfo.ArgumentList.Add("--silent");

        using var process = Start(startInfo, package);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using (cancellationToken.Register(() => Kill(process)))
        {
            if (!process.WaitForExit(Timeout))
            {
                Kill(process);
                throw Failure(package, $"`npm pack {package.NpmSpec}` did not finish within {Timeout.TotalMinutes:0} minutes");
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (process.ExitCode != 0)
        {
            throw Failure(package, $"`npm pack {package.NpmSpec}` exited with code {process.ExitCode}: {Excerpt(Await(errors))}");
        }

        var tarball = Path.Combine(workDirectory, package.TarballFileName);
        if (!File.Exists(tarball))
        {
            throw Failure(package, $"`npm pack {package.NpmSpec}` succeeded but did not write {package.TarballFileName} (it printed: {Excerpt(Await(output))})");
        }

        return tarball;
    }

    private static Process Start(ProcessStartInfo startInfo, ChDbPackage package)
    {
        try
        {
            return Process.Start(startInfo) ?? throw Failure(package, "npm could not be started");
        }
        catch (Win32Exception exception)
        {
            throw new ChDbUnavailableException(ChDbRemedy.Explain(package, $"{startInfo.FileName} was not found on PATH"), exception);
        }
    }

    private static string Await(Task<string> reading) =>
        reading.Wait(TimeSpan.FromSeconds(5)) ? reading.GetAwaiter().GetResult() : "";

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private static string Excerpt(string text)
    {
        text = text.Trim();
        return text.Length <= 500 ? text : text[..500] + "…";
    }

    private static ChDbUnavailableException Failure(ChDbPackage package, string what) => new(ChDbRemedy.Explain(package, what));
}
