using System.Diagnostics;
using System.Text;

namespace Otel.Grafana.Tests.Compose;

/// <summary>A process this test started: its output collected as it comes, killed (with its children) when disposed.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) => Append(line.Data);
        _process.ErrorDataReceived += (_, line) => Append(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>stdout and stderr so far, interleaved by line.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public int ExitCode => _process.ExitCode;

    public static ProcessStartInfo StartInfo(string fileName, string workingDirectory, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["NO_COLOR"] = "1";
        return info;
    }

    public static ChildProcess Start(ProcessStartInfo info) => new(Process.Start(info) ?? throw new InvalidOperationException("could not start " + info.FileName));

    /// <summary>Runs to the end within <paramref name="timeout"/>; a process still running then is killed and the wait fails.</summary>
    public static async Task<ChildProcess> RunAsync(ProcessStartInfo info, TimeSpan timeout)
    {
        var child = Start(info);
        try
        {
            await child._process.WaitForExitAsync().WaitAsync(timeout);
            child._process.WaitForExit(); // the redirected output is complete only after this overload
            return child;
        }
        catch
        {
            child.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
