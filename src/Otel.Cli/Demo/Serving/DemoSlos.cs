using System.Globalization;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query;
using Spectre.Console;

namespace Otel.Cli.Demo.Serving;

/// <summary>
/// The SLOs <c>demo serve</c> gives the model it serves when that model has none (docs/slos.md): availability 99.5 %
/// and 99 % of answers within 0.25 s, over 30 days. With the defaults the demo stays within both; <c>--error-rate
/// 0.1</c> burns availability at 20 times the sustainable rate (a page) and <c>--slow-rate 0.05</c> latency at 5.
/// </summary>
internal static class DemoSlos
{
    public const string File = "demo-serve-slos.yaml";

    public static string Yaml(string model) => string.Create(CultureInfo.InvariantCulture, $"""
        slos:
          - name: {model}-availability
            description: The demo inference service answers without server errors
            kind: availability
            model: {model}
            objective: 0.995
            window: 30d
          - name: {model}-latency
            description: The demo inference service answers within 0.25 s
            kind: latency
            model: {model}
            threshold: 0.25
            objective: 0.99
            window: 30d
        """);

    /// <summary>Applies them unless the model already has an SLO; a collector that refuses (a key without admin) is reported, not fatal.</summary>
    public static async Task EnsureAsync(IAnsiConsole console, Uri api, string model, CancellationToken ct)
    {
        using var client = new TrackingApiClient(api);
        var existing = TrackingApiClient.Read<List<SloRecord>>(await client.GetJsonAsync("api/slos", ct));
        if (existing.Any(slo => slo.Model == model))
        {
            return;
        }

        try
        {
            await client.SendJsonAsync(HttpMethod.Put, "api/slos", new SloApplyRequest(File, Yaml(model)), ct);
            console.MarkupLine($"Applied an availability SLO (99.5 %) and a latency SLO (99 % within 0.25 s) to {ConsoleText.Escape(model)}");
        }
        catch (CliException refused)
        {
            console.MarkupLine($"[yellow]Could not apply the demo's SLOs: {ConsoleText.Escape(refused.Message)}[/]");
        }
    }
}
