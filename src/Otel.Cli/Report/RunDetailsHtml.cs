using System.Globalization;
using System.Text;
using Otel.Cli.Output;
using Otel.Tracking.Query;

namespace Otel.Cli.Report;

/// <summary>Each run's own inputs and outputs: datasets, artifacts, provenance, missing metadata and note.</summary>
internal static class RunDetailsHtml
{
    public static void Write(StringBuilder html, IReadOnlyList<RunDetail> runs)
    {
        html.Append("""<h2 id="details">Data, artifacts and provenance</h2>""");
        foreach (var run in runs)
        {
            html.Append($"""<section class="run" data-run="{Html.Text(run.Id)}"><h3>{Html.Name(run.Name)} ({Html.Text(IdPrefixes.Alone(run.Id))})</h3>""");
            if (run.Datasets.Count == 0)
            {
                html.Append("<p>No dataset logged.</p>");
            }
            else
            {
                HtmlTable.Write(html, "datasets", ["Dataset", "Context", "Digest", "Rows", "Format", "URI"],
                    run.Datasets.Select(d => (IReadOnlyList<string?>)[d.Name, d.Context, d.Digest, d.Rows?.ToString(CultureInfo.InvariantCulture), d.Format, d.Uri]));
            }

            if (run.Artifacts.Count == 0)
            {
                html.Append("<p>No artifact logged.</p>");
            }
            else
            {
                HtmlTable.Write(html, "artifacts", ["Artifact", "Kind", "Bytes", "SHA-256", "URI"],
                    run.Artifacts.Select(a => (IReadOnlyList<string?>)[a.Path, a.Kind, a.Size.ToString("N0", CultureInfo.InvariantCulture), a.Sha256, a.Uri]));
            }

            if (run.MissingMetadata.Count > 0)
            {
                html.Append($"<p>Missing metadata: {Html.Text(string.Join(", ", run.MissingMetadata))}.</p>");
            }

            html.Append($"<details><summary>Provenance ({run.Provenance.Count} attributes)</summary>");
            HtmlTable.Write(html, "provenance", ["Attribute", "Value"],
                run.Provenance.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (IReadOnlyList<string?>)[p.Key, p.Value]));
            html.Append("</details>");
            if (!string.IsNullOrEmpty(run.Note))
            {
                // The note is markdown written by a user: shown as its text, never rendered as markup.
                html.Append($"""<p>Note:</p><div class="note">{Html.Text(run.Note)}</div>""");
            }

            html.Append("</section>");
        }
    }
}
