namespace Otel.Cli.Tests.Infrastructure;

/// <summary>A real serve process holding what <c>otel-track demo</c> records, made once for the tests that read it.</summary>
public sealed class DemoStore : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private ServeProcess? _serve;

    internal string Directory => _temp.Path;

    /// <summary>What the demo printed: the commands it suggests next.</summary>
    internal string DemoOutput { get; private set; } = "";

    internal string Endpoint => (_serve ?? throw new InvalidOperationException("the demo store is not started")).Endpoint;

    public async ValueTask InitializeAsync()
    {
        _serve = await ServeProcess.StartAsync(_temp.Combine("data"));
        var demo = await CliProcess.RunAsync(_temp.Path, "demo", "--endpoint", _serve.Endpoint);
        Assert.True(demo.ExitCode == 0, demo.ToString());
        DemoOutput = demo.Stdout;
    }

    public async ValueTask DisposeAsync()
    {
        if (_serve is not null)
        {
            await _serve.DisposeAsync();
        }

        _temp.Dispose();
    }
}
