using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Otel.Cli.Tests.Infrastructure;

/// <summary>A real <c>otel-track serve</c> process on ports 0 over a data directory.</summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _stderr = [];
    private readonly List<string> _stdout;

    private ServeProcess(Process process, Uri grpc, Uri http, List<string> stdout)
    {
        _process = process;
        Grpc = grpc;
        Http = http;
        _stdout = stdout;
    }

    public Uri Grpc { get; }

    public Uri Http { get; }

    public string Endpoint => Http.ToString().TrimEnd('/');

    public int Pid => _process.Id;

    public static Task<ServeProcess> StartAsync(string dataDirectory, params string[] extraArgs) =>
        StartAsync(dataDirectory, new Dictionary<string, string>(), extraArgs);

    /// <summary>Starts serve with extra environment variables, on ports 0 unless <paramref name="extraArgs"/> choose the ports.</summary>
    public static async Task<ServeProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string> environment, params string[] extraArgs)
    {
        string[] ports = extraArgs.Contains("--grpc-port") ? [] : ["--grpc-port", "0", "--http-port", "0"];
        var info = CliProcess.StartInfo(Path.GetDirectoryName(dataDirectory)!, ["serve", "--data", dataDirectory, .. ports, .. extraArgs]);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info)!;
        // The collector's own log lines go to stdout.
        var stdout = new List<string>();
        _ = DrainAsync(process.StandardOutput, stdout);
        var lines = new List<string>();
        while (true)
        {
            var line = await process.StandardError.ReadLineAsync().WaitAsync(CliProcess.Timeout)
                ?? throw new InvalidOperationException("serve exited before it listened: " + string.Join('\n', lines));
            lines.Add(line);
            var match = HttpEndpoint().Match(line);
            if (match.Success)
            {
                var serve = new ServeProcess(process, new Uri(match.Groups[1].Value), new Uri(match.Groups[2].Value), stdout);
                serve._stderr.AddRange(lines);
                _ = serve.DrainStderrAsync();
                return serve;
            }
        }
    }

    /// <summary>kill -9: no chance to flush or close anything.</summary>
    public async Task KillHardAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(CliProcess.Timeout);
    }

    /// <summary>SIGTERM, as a service manager sends it; returns the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        Assert.Equal(0, SendSignal(_process.Id, Sigterm));
        await _process.WaitForExitAsync().WaitAsync(CliProcess.Timeout);
        return _process.ExitCode;
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return string.Join('\n', _stderr);
            }
        }
    }

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return string.Join('\n', _stdout);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static async Task DrainAsync(StreamReader reader, List<string> lines)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (lines)
            {
                lines.Add(line);
            }
        }
    }

    private async Task DrainStderrAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            lock (_stderr)
            {
                _stderr.Add(line);
            }
        }
    }

    public const int Sigterm = 15;

    /// <summary>kill(2): sends a POSIX signal to a process.</summary>
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int SendSignal(int pid, int signal);

    [GeneratedRegex(@"OTLP gRPC (http://\S+?), OTLP HTTP and API (http://\S+?),")]
    private static partial Regex HttpEndpoint();
}
