using System.Text;

namespace Otel.Cli.Report;

/// <summary>A table of plain text: every header and cell is escaped here, so no caller can forget to.</summary>
internal static class HtmlTable
{
    /// <param name="html">Where the table goes.</param>
    /// <param name="cssClass">The table's class.</param>
    /// <param name="headers">Column headers.</param>
    /// <param name="rows">Each row's cells, as text.</param>
    /// <param name="highlighted">Rows to mark with the class <c>differs</c>.</param>
    public static void Write(StringBuilder html, string cssClass, IEnumerable<string> headers, IEnumerable<IReadOnlyList<string?>> rows, Func<int, bool>? highlighted = null)
    {
        html.Append($"""<table class="{Html.Text(cssClass)}"><thead><tr>""");
        foreach (var header in headers)
        {
            html.Append("<th>").Append(Html.Text(header)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        var index = 0;
        foreach (var row in rows)
        {
            html.Append(highlighted?.Invoke(index++) == true ? """<tr class="differs">""" : "<tr>");
            foreach (var cell in row)
            {
                html.Append(cell is null ? """<td class="absent">-</td>""" : Html.Cell(cell));
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
    }
}
