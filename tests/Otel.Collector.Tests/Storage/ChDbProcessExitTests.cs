using System.Diagnostics;
using System.Globalization;
using System.Text;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Storage;

/// <summary>
/// Regression: a process that exited with chDB's threads still running (background merges after
/// inserts) crashed with SIGSEGV about two times in three, racing the C runtime's teardown. The engine
/// now shuts chDB down at process exit. A child process runs the workload, so its exit code is seen.
/// </summary>
public sealed class ChDbProcessExitTests
{
    private const string WorkloadVariable = "OTEL_TRACK_TEST_EXIT_WORKLOAD";

    [Fact]
    public async Task ProcessExit_RightAfterHeavyInserts_ExitsWithCodeZero()
    {
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var startInfo = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment = { [WorkloadVariable] = "1" },
            };
            startInfo.ArgumentList.Add(typeof(ChDbProcessExitTests).Assembly.Location);
            startInfo.ArgumentList.Add("-method");
            startInfo.ArgumentList.Add($"{typeof(ChDbProcessExitTests).FullName}.{nameof(Workload_InsertsThenLeavesMergesRunning)}");
            using var child = Process.Start(startInfo)!;
            var output = child.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var errors = child.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            try
            {
                await child.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
            }
            finally
            {
                if (!child.HasExited)
                {
                    child.Kill(entireProcessTree: true);
                }
            }

            var log = await output + await errors;
            Assert.True(child.ExitCode == 0, $"Attempt {attempt}: the child exited with {child.ExitCode}.\n{log}");
            Assert.Contains("Failed: 0", log, StringComparison.Ordinal);
            Assert.Contains("Skipped: 0", log, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Workload_InsertsThenLeavesMergesRunning()
    {
        if (Environment.GetEnvironmentVariable(WorkloadVariable) != "1")
        {
            Assert.Skip($"Runs only as the child process of {nameof(ProcessExit_RightAfterHeavyInserts_ExitsWithCodeZero)}.");
        }

        var cancellation = TestContext.Current.CancellationToken;
        var store = await TestStores.CreateEmbeddedAsync("exit_workload", [], cancellation);
        await store.ExecuteAsync(
            "CREATE TABLE metrics (run_id String, key LowCardinality(String), step Int64, value Float64) ENGINE = MergeTree ORDER BY (run_id, key, step)",
            cancellationToken: cancellation).WaitAsync(TestTimeouts.Default, cancellation);
        var rows = new StringBuilder();
        for (var step = 0; step < 100_000; step++)
        {
            rows.Append(CultureInfo.InvariantCulture, $"{{\"run_id\":\"run-{step % 10}\",\"key\":\"loss\",\"step\":{step},\"value\":{step * 0.5}}}\n");
        }

        var batch = Encoding.UTF8.GetBytes(rows.ToString());
        for (var i = 0; i < 5; i++)
        {
            await store.InsertAsync("metrics", "JSONEachRow", batch, cancellationToken: cancellation).WaitAsync(TestTimeouts.Default, cancellation);
        }

        // No dispose and no wait: the process ends while chDB merges the parts just written.
    }
}
