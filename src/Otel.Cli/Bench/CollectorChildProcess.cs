using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Otel.Cli.Bench;

/// <summary>
/// <c>otel-track serve</c> on ports 0 as a child process of the benchmark (the same program: the app host, or
/// <c>dotnet otel-track.dll</c> when run through dotnet), so that its memory and CPU are its own and can be read
/// from /proc while the load generator runs beside it.
/// </summary>
internal sealed partial class CollectorChildProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();

    private CollectorChildProcess(Process process, Uri grpc, Uri http)
    {
        _process = process;
        GrpcEndpoint = grpc;
        HttpEndpoint = http;
    }

    public Uri GrpcEndpoint { get; }

    public Uri HttpEndpoint { get; }

    public int Pid => _process.Id;

    public static async Task<CollectorChildProcess> StartAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var info = StartInfo(["serve", "--data", dataDirectory, "--grpc-port", "0", "--http-port", "0"]);
        var process = Process.Start(info) ?? throw new CliException($"could not start {info.FileName}");
        try
        {
            _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var seen = new List<string>();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            while (true)
            {
                var line = await process.StandardError.ReadLineAsync(timeout.Token)
                    ?? throw new CliException("the collector child exited before it listened: " + string.Join('\n', seen));
                seen.Add(line);
                var match = Listening().Match(line);
                if (match.Success)
                {
                    var child = new CollectorChildProcess(process, new Uri(match.Groups[1].Value), new Uri(match.Groups[2].Value));
                    _ = child.DrainStderrAsync();
                    return child;
                }
            }
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Peak resident set size so far (VmHWM in /proc/PID/status), or null where there is no /proc.</summary>
    public long? PeakRssBytes() => ProcStatus.PeakRssBytes(Pid);

    /// <summary>User plus system CPU time the child has used so far.</summary>
    public TimeSpan? CpuTime() => ProcStatus.CpuTime(Pid);

    public string RecentOutput
    {
        get
        {
            lock (_lastLines)
            {
                return string.Join('\n', _lastLines);
            }
        }
    }

    /// <summary>Stops the child at once: everything the benchmark needs was read back before.</summary>
    public void Dispose()
    {
        Kill(_process);
        _process.Dispose();
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(30));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>The program that is running now: its app host, or dotnet with the entry assembly.</summary>
    private static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var host = Environment.ProcessPath ?? throw new CliException("cannot tell which program is running, so cannot start the collector child; use --endpoint");
        var info = new ProcessStartInfo(host)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (string.Equals(Path.GetFileNameWithoutExtension(host), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            info.ArgumentList.Add(Assembly.GetEntryAssembly()?.Location is { Length: > 0 } dll ? dll : throw new CliException("cannot find the entry assembly to start the collector child; use --endpoint"));
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // The child must use its own embedded store, whatever this shell points at.
        info.Environment.Remove(Commands.ServeCommand.ClickHouseUrlVariable);
        return info;
    }

    private async Task DrainStderrAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            lock (_lastLines)
            {
                _lastLines.Enqueue(line);
                if (_lastLines.Count > 20)
                {
                    _lastLines.Dequeue();
                }
            }
        }
    }

    [GeneratedRegex(@"OTLP gRPC (\S+?), OTLP HTTP and API (\S+?),")]
    private static partial Regex Listening();
}

/// <summary>Reads a process's memory and CPU figures from /proc (Linux).</summary>
internal static class ProcStatus
{
    /// <summary>VmHWM of /proc/PID/status in bytes: the peak resident set size; null where unavailable.</summary>
    public static long? PeakRssBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kb = line["VmHWM:".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }

    /// <summary>The host's 1-minute load average (/proc/loadavg) when the benchmark started: how shared the machine was.</summary>
    public static double? LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>utime + stime of /proc/PID/stat (clock ticks of 1/100 s on Linux).</summary>
    public static TimeSpan? CpuTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / 100.0);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
