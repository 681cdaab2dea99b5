namespace Otel.Cli.Report;

/// <summary>
/// How the n-th run of a report is drawn. The colours are Okabe and Ito's palette, told apart by the common forms of
/// colour blindness; each run also has its own dash pattern, so the curves stay distinct in grey or for any reader.
/// </summary>
internal sealed record RunStyle(string Colour, string DashArray, string DashName)
{
    public static readonly IReadOnlyList<RunStyle> All =
    [
        new("#0072B2", "none", "solid"),
        new("#D55E00", "8 4", "dashed"),
        new("#009E73", "2 3", "dotted"),
        new("#CC79A7", "10 3 2 3", "dash-dot"),
        new("#E69F00", "16 4", "long dash"),
    ];

    /// <summary>The most runs one report overlays: one style each.</summary>
    public static int MaxRuns => All.Count;
}
