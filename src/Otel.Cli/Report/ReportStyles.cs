namespace Otel.Cli.Report;

/// <summary>The report's only stylesheet, inline: the page's policy allows no other, and system fonts need no fetch.</summary>
internal static class ReportStyles
{
    public const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #1b1b1b; }
        h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2.2rem; border-bottom: 1px solid #ccc; } h3 { font-size: 1.05rem; }
        h1, h2, h3, th { overflow-wrap: anywhere; }
        svg.chart tspan.name { unicode-bidi: isolate; }
        .meta { color: #555; }
        table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.9rem; }
        th, td { border: 1px solid #ddd; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
        td.long { overflow-wrap: anywhere; min-width: 6em; }
        th { background: #f4f4f4; }
        tr.differs td { background: #fff3bf; }
        tr.differs td:first-child { font-weight: 600; }
        td.absent { color: #999; }
        .charts { display: flex; flex-wrap: wrap; gap: 1rem; }
        figure { margin: 0; border: 1px solid #e2e2e2; padding: 0.5rem; }
        figcaption { font-weight: 600; margin-bottom: 0.25rem; }
        svg.chart { max-width: 100%; height: auto; }
        svg.chart .grid { stroke: #e6e6e6; stroke-width: 1; }
        svg.chart .axis { stroke: #444; stroke-width: 1; fill: none; }
        svg.chart text { font-size: 12px; fill: #333; }
        .swatch { display: inline-block; width: 2.2rem; vertical-align: middle; }
        details { margin: 0.5rem 0 1rem; } summary { cursor: pointer; }
        .note { white-space: pre-wrap; background: #f8f8f8; padding: 0.5rem; border-left: 3px solid #ccc; }
        .status-FAILED, .status-LOST, .status-KILLED { color: #b00020; font-weight: 600; }
        """;
}
