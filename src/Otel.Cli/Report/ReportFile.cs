using System.Text;

namespace Otel.Cli.Report;

/// <summary>Where the report goes: checked before any work, written whole or not at all.</summary>
internal static class ReportFile
{
    /// <summary>The full path of <paramref name="path"/>, refused with what to do when its directory does not exist or it is a directory.</summary>
    public static string Check(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new CliException($"-o {path} is a directory: name the HTML file to write, e.g. -o {Path.Combine(path, "report.html")}", ExitCodes.Usage);
        }

        if (!Directory.Exists(Path.GetDirectoryName(full)))
        {
            throw new CliException($"cannot write {path}: its directory {Path.GetDirectoryName(full)} does not exist; create it or write elsewhere", ExitCodes.Usage);
        }

        return full;
    }

    /// <summary>Writes beside the target, then renames: a reader never sees half a report, and a failure leaves no file.</summary>
    public static async Task<long> WriteAsync(string fullPath, string html, CancellationToken ct)
    {
        var temporary = fullPath + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            await File.WriteAllTextAsync(temporary, html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), ct);
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new CliException($"cannot write {fullPath}: {ex.Message}", ExitCodes.Failure, ex);
        }

        return new FileInfo(fullPath).Length;
    }
}
