using System.Diagnostics;
using System.Text.Json;
using Otel.Cli.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary>The real otel-track program: who the collector records (the OS user on loopback without keys, then a key's name) and the audit commands.</summary>
public sealed class AuditProcessTests
{
    private static readonly TimeSpan EntryWait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Audit_OsUserThenKeyName_AttributedAndChained()
    {
        using var temp = new TempDirectory();
        var data = temp.Combine("data");
        await using var serve = await ServeProcess.StartAsync(data);

        // No keys, loopback: the CLI's OS user is the actor.
        var before = await CliProcess.RunAsync(temp.Path, "whoami", "--endpoint", serve.Endpoint, "--json");
        Assert.True(before.ExitCode == 0, before.ToString());
        using (var json = JsonDocument.Parse(before.Stdout))
        {
            Assert.Equal(Environment.UserName, json.RootElement.GetProperty("actor").GetString());
            Assert.Equal("os-user", json.RootElement.GetProperty("via").GetString());
        }

        // The first key: keys are required from now on, and its creation is recorded as the OS user's.
        var created = await CliProcess.RunAsync(temp.Path, "keys", "create", "--data", data, "--scope", "admin", "--name", "ops", "--json");
        Assert.True(created.ExitCode == 0, created.ToString());
        string key;
        using (var json = JsonDocument.Parse(created.Stdout))
        {
            key = json.RootElement.GetProperty("key").GetString()!;
        }

        var entries = await EventuallyAsync(key, ["audit", "list", "--action", "key.create", "--json"], e => e.GetArrayLength() == 1);
        var entry = entries[0];
        Assert.Equal(1UL, entry.GetProperty("seq").GetUInt64());
        Assert.Equal(Environment.UserName, entry.GetProperty("actor").GetString());
        Assert.Equal("key:ops", entry.GetProperty("target").GetString());
        Assert.Equal("admin", entry.GetProperty("details").GetProperty("scope").GetString());

        var after = await RunAsync(key, "whoami", "--endpoint", serve.Endpoint, "--json");
        using (var json = JsonDocument.Parse(after.Stdout))
        {
            Assert.Equal("ops", json.RootElement.GetProperty("actor").GetString());
            Assert.Equal("key", json.RootElement.GetProperty("via").GetString());
        }

        var head = await RunAsync(key, "audit", "head", "--endpoint", serve.Endpoint, "--json");
        using var headJson = JsonDocument.Parse(head.Stdout);
        var anchor = $"{headJson.RootElement.GetProperty("seq").GetUInt64()}:{headJson.RootElement.GetProperty("hash").GetString()}";
        var verify = await RunAsync(key, "audit", "verify", "--anchor", anchor, "--endpoint", serve.Endpoint, "--json");
        using var verifyJson = JsonDocument.Parse(verify.Stdout);
        Assert.True(verifyJson.RootElement.GetProperty("ok").GetBoolean(), verify.Stdout);
        Assert.Equal(JsonValueKind.Null, verifyJson.RootElement.GetProperty("firstBad").ValueKind);

        var badAnchor = await RunAsync(key, "audit", "verify", "--anchor", "1:zz", "--endpoint", serve.Endpoint);
        Assert.Equal(2, badAnchor.ExitCode);
        Assert.Contains("SEQ:HASH", badAnchor.Stderr, StringComparison.Ordinal);

        async Task<JsonElement> EventuallyAsync(string apiKey, string[] args, Func<JsonElement, bool> done)
        {
            var started = Stopwatch.GetTimestamp();
            while (true)
            {
                var result = await RunAsync(apiKey, [.. args, "--endpoint", serve.Endpoint]);
                Assert.True(result.ExitCode == 0, result.ToString());
                var json = JsonDocument.Parse(result.Stdout).RootElement.Clone();
                if (done(json))
                {
                    return json;
                }

                Assert.True(Stopwatch.GetElapsedTime(started) < EntryWait, $"not in time: {result.Stdout}");
                await Task.Delay(200, TestContext.Current.CancellationToken);
            }
        }

        async Task<CliResult> RunAsync(string apiKey, params string[] args)
        {
            var start = CliProcess.StartInfo(temp.Path, args);
            start.Environment["OTEL_TRACK_API_KEY"] = apiKey;
            return await CliProcess.RunStartedAsync(start);
        }
    }
}
