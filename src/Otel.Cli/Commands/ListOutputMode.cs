namespace Otel.Cli.Commands;

/// <summary>How a list command prints its answer, chosen once from <c>--json</c> and <c>--csv</c> by <see cref="ListOutputCommand"/>.</summary>
internal enum ListOutputMode
{
    /// <summary>A table for people (neither flag).</summary>
    Human,

    /// <summary>The API's JSON (<c>--json</c>): only JSON on stdout.</summary>
    Json,

    /// <summary>CSV (<c>--csv</c>): only CSV on stdout.</summary>
    Csv,
}
