using System.Globalization;
using System.Text;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query;

namespace Otel.Cli.Report;

/// <summary>
/// The registered versions the runs produced: who approved or rejected them, each promotion with the gates that
/// refused, and what each does in production now (requests, deployments, SLOs, drift).
/// </summary>
internal static class ModelVersionHtml
{
    /// <summary>Drift rows shown per version: the worst first, as the status route orders them.</summary>
    private const int DriftRows = 10;

    public static void Write(StringBuilder html, IReadOnlyList<ReportModelVersion> versions, IReadOnlyList<RunDetail> runs)
    {
        html.Append("""<h2 id="models">Registered models</h2>""");
        if (versions.Count == 0)
        {
            html.Append("<p>None of these runs has a registered model version.</p>");
            return;
        }

        foreach (var entry in versions)
        {
            var version = entry.Version;
            var run = runs.First(r => r.Id == version.RunId);
            html.Append($"""<section class="model-version"><h3>{Html.Text(version.Name)} version {version.Version}</h3>""");
            html.Append($"<p>From run {Html.Text(HtmlReportWriter.RunHeader(run))}, artifact {Html.Text(version.Artifact.Path)} (SHA-256 {Html.Text(version.Artifact.Sha256)}); registered by {Html.Text(version.CreatedBy)} at {Html.Text(Format.Time(version.CreatedAt))}");
            html.Append(entry.Aliases.Count == 0 ? "; no alias points at it now.</p>" : $"; aliases now: {Html.Text(string.Join(", ", entry.Aliases))}.</p>");
            Approvals(html, entry);
            Promotions(html, entry);
            Production(html, entry);
            html.Append("</section>");
        }
    }

    private static void Approvals(StringBuilder html, ReportModelVersion entry)
    {
        if (entry.Approvals.Count == 0)
        {
            html.Append("<p>No approval or rejection recorded.</p>");
            return;
        }

        HtmlTable.Write(html, "approvals", ["Alias", "Decision", "By", "Comment", "At"],
            entry.Approvals.Select(a => (IReadOnlyList<string?>)[a.Alias, a.Decision, a.Actor, a.Comment, Format.Time(a.DecidedAt)]));
    }

    private static void Promotions(StringBuilder html, ReportModelVersion entry)
    {
        if (entry.Promotions.Count == 0)
        {
            html.Append("<p>No promotion attempted.</p>");
            return;
        }

        HtmlTable.Write(html, "promotions", ["Alias", "Result", "Previous version", "By", "At", "Gates that refused"],
            entry.Promotions.Select(p => (IReadOnlyList<string?>)[
                p.Alias,
                p.Promoted ? (p.Forced ? "promoted (forced)" : "promoted") : "refused",
                p.PreviousVersion == 0 ? "none" : p.PreviousVersion.ToString(CultureInfo.InvariantCulture),
                p.Actor,
                Format.Time(p.At),
                string.Join("; ", p.Gates.Where(g => !g.Passed).Select(g => $"{g.Gate}: {g.Detail}"))]));
    }

    private static void Production(StringBuilder html, ReportModelVersion entry)
    {
        var production = entry.Production;
        html.Append(production.ServesTraffic
            ? $"<p>In production over the last {Html.Text(ProductionStatusClient.Window)}: {production.Requests.ToString("N0", CultureInfo.InvariantCulture)} requests.</p>"
            : $"<p>Served no request in the last {Html.Text(ProductionStatusClient.Window)}.</p>");
        if (production.Deployments.Count > 0)
        {
            HtmlTable.Write(html, "deployments", ["Environment", "Service", "First seen", "Last seen", "Requests", "Flags"],
                production.Deployments.Select(d => (IReadOnlyList<string?>)[
                    d.Environment, d.Service, Format.Time(d.FirstSeen), Format.Time(d.LastSeen),
                    d.Requests?.ToString("N0", CultureInfo.InvariantCulture), string.Join(", ", d.Flags)]));
        }

        if (production.Slos.Count > 0)
        {
            HtmlTable.Write(html, "slos", ["SLO", "Kind", "Objective", "SLI", "Error budget left", "Alert"],
                production.Slos.Select(s => (IReadOnlyList<string?>)[
                    s.Name, s.Kind, Format.Number(s.Objective), s.Sli is { } sli ? Format.Number(sli) : null,
                    Format.Number(s.ErrorBudgetRemaining), s.Alert]));
        }

        if (production.Drift.Count > 0)
        {
            HtmlTable.Write(html, "drift", ["Feature", "Kind", "PSI", "Status", "Window"],
                production.Drift.Take(DriftRows).Select(d => (IReadOnlyList<string?>)[
                    d.Feature, d.Kind, d.Psi is { } psi ? Format.Number(psi) : null, d.Status, Format.Time(d.WindowStart) + " to " + Format.Time(d.WindowEnd)]));
        }
    }
}
