using System.Diagnostics;
using System.Text.Json;
using Otel.Cli.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary>The real otel-track program: <c>keys create|list|revoke</c> and a <c>serve</c> that requires keys.</summary>
public sealed class KeysProcessTests
{
    private static readonly TimeSpan ReloadWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task KeysCreate_Json_PrintsNameScopeAndKeyOnce_ListNeverShowsIt()
    {
        using var temp = new TempDirectory();
        var data = temp.Combine("data");

        var created = await CliProcess.RunAsync(temp.Path, "keys", "create", "--data", data, "--scope", "ingest", "--name", "ci", "--json");

        Assert.True(created.ExitCode == 0, created.ToString());
        using var json = JsonDocument.Parse(created.Stdout);
        Assert.Equal(["name", "scope", "key"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("ci", json.RootElement.GetProperty("name").GetString());
        Assert.Equal("ingest", json.RootElement.GetProperty("scope").GetString());
        var key = json.RootElement.GetProperty("key").GetString()!;
        Assert.StartsWith("otk_", key, StringComparison.Ordinal);
        Assert.DoesNotContain(key, created.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(key, await File.ReadAllTextAsync(Path.Combine(data, "keys.json"), TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var listJson = await CliProcess.RunAsync(temp.Path, "keys", "list", "--data", data, "--json");
        var listHuman = await CliProcess.RunAsync(temp.Path, "keys", "list", "--data", data);

        Assert.True(listJson.ExitCode == 0, listJson.ToString());
        using var listed = JsonDocument.Parse(listJson.Stdout);
        var entry = Assert.Single(listed.RootElement.EnumerateArray().ToList());
        Assert.Equal(["id", "name", "scope", "created", "models"], entry.EnumerateObject().Select(p => p.Name));
        Assert.Equal("ci", entry.GetProperty("name").GetString());
        Assert.True(listHuman.ExitCode == 0, listHuman.ToString());
        Assert.Contains("ci", listHuman.Stdout, StringComparison.Ordinal);
        foreach (var output in new[] { listJson.Stdout, listJson.Stderr, listHuman.Stdout, listHuman.Stderr })
        {
            Assert.DoesNotContain(key, output, StringComparison.Ordinal);
            Assert.DoesNotContain(key[4..12], output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task KeysCreate_RestrictedToModels_ListShowsThem_AndModelsOnAReadKeyIsRefused()
    {
        using var temp = new TempDirectory();
        var data = temp.Combine("data");

        var created = await CliProcess.RunAsync(temp.Path, "keys", "create", "--data", data, "--scope", "registry", "--name", "churn-ci", "--models", "churn,churn-lite");
        var onRead = await CliProcess.RunAsync(temp.Path, "keys", "create", "--data", data, "--scope", "read", "--name", "r", "--models", "churn");
        var listed = await CliProcess.RunAsync(temp.Path, "keys", "list", "--data", data, "--json");
        var human = await CliProcess.RunAsync(temp.Path, "keys", "list", "--data", data);

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains("writes only to models churn,churn-lite", created.Stderr, StringComparison.Ordinal);
        Assert.True(onRead.ExitCode == 2, onRead.ToString());
        Assert.Contains("not to a read key", onRead.Stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(listed.Stdout);
        var entry = Assert.Single(json.RootElement.EnumerateArray().ToList());
        Assert.Equal("registry", entry.GetProperty("scope").GetString());
        Assert.Equal(["churn", "churn-lite"], entry.GetProperty("models").EnumerateArray().Select(m => m.GetString()));
        Assert.Contains("churn,churn-lite", human.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysCommands_BadUsage_ExitTwo_UnknownKey_ExitsFour()
    {
        using var temp = new TempDirectory();
        var data = temp.Combine("data");

        var badScope = await CliProcess.RunAsync(temp.Path, "keys", "create", "--data", data, "--scope", "root", "--name", "x");
        var badName = await CliProcess.RunAsync(temp.Path, "keys", "create", "--data", data, "--scope", "read", "--name", "two words");
        var neither = await CliProcess.RunAsync(temp.Path, "keys", "revoke", "--data", data);
        var unknown = await CliProcess.RunAsync(temp.Path, "keys", "revoke", "--data", data, "--name", "nobody");

        Assert.True(badScope.ExitCode == 2, badScope.ToString());
        Assert.True(badName.ExitCode == 2, badName.ToString());
        Assert.True(neither.ExitCode == 2, neither.ToString());
        Assert.True(unknown.ExitCode == 4, unknown.ToString());
        Assert.False(File.Exists(Path.Combine(data, "keys.json")));
    }

    [Fact]
    public async Task Serve_EveryInterfaceWithoutKeys_RefusesToStartSayingWhy()
    {
        using var temp = new TempDirectory();

        var serve = await CliProcess.RunAsync(temp.Path, "serve", "--data", temp.Combine("data"), "--host", "0.0.0.0", "--grpc-port", "0", "--http-port", "0");

        Assert.True(serve.ExitCode == 2, serve.ToString());
        Assert.Contains("no API key exists", serve.Stderr, StringComparison.Ordinal);
        Assert.Contains("otel-track keys create", serve.Stderr, StringComparison.Ordinal);
        Assert.Contains("--insecure", serve.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WithKeys_RunsListNeedsTheKey_RevokedKeyRefusedWhileRunning()
    {
        using var temp = new TempDirectory();
        var data = temp.Combine("data");
        var admin = await CreateKeyAsync(temp.Path, data, "admin", "ops");
        var read = await CreateKeyAsync(temp.Path, data, "read", "dashboards");
        await using var serve = await ServeProcess.StartAsync(data);

        var anonymous = await RunAsync(temp.Path, apiKey: null, "runs", "list", "--json", "--endpoint", serve.Endpoint);
        var withKey = await RunAsync(temp.Path, read, "runs", "list", "--json", "--endpoint", serve.Endpoint);

        Assert.True(anonymous.ExitCode == 1, anonymous.ToString());
        Assert.Contains("OTEL_TRACK_API_KEY", anonymous.Stderr, StringComparison.Ordinal);
        Assert.True(withKey.ExitCode == 0, withKey.ToString());
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(withKey.Stdout).RootElement.ValueKind);

        var revoked = await CliProcess.RunAsync(temp.Path, "keys", "revoke", "--data", data, "--name", "dashboards");
        Assert.True(revoked.ExitCode == 0, revoked.ToString());
        var refused = await Eventually.UntilAsync(
            () => RunAsync(temp.Path, read, "runs", "list", "--json", "--endpoint", serve.Endpoint), r => r.ExitCode != 0, r => "the revoked key was still accepted; last: " + r, ReloadWait);
        Assert.Contains("not valid", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync(temp.Path, admin, "runs", "list", "--json", "--endpoint", serve.Endpoint)).ExitCode);

        // The collector logs each denial as a warning on stderr (stdout is for command output), never the key presented.
        var log = await Eventually.UntilAsync(
            () => Task.FromResult(serve.Stderr), s => s.Contains("unknown API key", StringComparison.Ordinal), s => "no denial was logged; stderr: " + s, ReloadWait);
        Assert.DoesNotContain("API key", serve.Stdout, StringComparison.Ordinal);
        Assert.Contains("missing API key", log, StringComparison.Ordinal);
        Assert.DoesNotContain(read, log, StringComparison.Ordinal);
        Assert.DoesNotContain(admin, log, StringComparison.Ordinal);
    }

    private static async Task<string> CreateKeyAsync(string workingDirectory, string data, string scope, string name)
    {
        var created = await CliProcess.RunAsync(workingDirectory, "keys", "create", "--data", data, "--scope", scope, "--name", name, "--json");
        Assert.True(created.ExitCode == 0, created.ToString());
        using var json = JsonDocument.Parse(created.Stdout);
        return json.RootElement.GetProperty("key").GetString()!;
    }

    /// <summary>Like <see cref="CliProcess.RunAsync"/>, with <c>OTEL_TRACK_API_KEY</c> set when <paramref name="apiKey"/> is given.</summary>
    private static async Task<CliResult> RunAsync(string workingDirectory, string? apiKey, params string[] args)
    {
        var info = CliProcess.StartInfo(workingDirectory, args);
        if (apiKey is not null)
        {
            info.Environment["OTEL_TRACK_API_KEY"] = apiKey;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(CliProcess.Timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
