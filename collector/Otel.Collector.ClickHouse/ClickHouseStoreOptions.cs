namespace Otel.Collector.ClickHouse;

/// <summary>Where the collector keeps its data: embedded chDB in <see cref="DataPath"/>, or a server at <see cref="ServerUrl"/>.</summary>
internal sealed class ClickHouseStoreOptions
{
    /// <summary>
    /// Directory of the embedded chDB data, created when missing. Used when <see cref="ServerUrl"/> is not
    /// set, and then required (the CLI supplies its default, <c>./otel-track-data</c>). One process can
    /// open only one data directory.
    /// </summary>
    public string? DataPath { get; set; }

    /// <summary>
    /// A ClickHouse server's HTTP interface, for example <c>http://user:password@localhost:8123/</c>. When set, it is
    /// used instead of the embedded engine. User and password come from the user info (percent-encoded);
    /// a <c>database</c> query parameter overrides <see cref="Database"/>; any other query parameter is sent as
    /// a ClickHouse setting with every request (for example <c>?async_insert=1</c>). Default: not set.
    /// </summary>
    public string? ServerUrl { get; set; }

    /// <summary>The database holding every table, created when missing. A plain identifier. Default: <c>otel</c>.</summary>
    public string Database { get; set; } = "otel";

    /// <summary>
    /// The ClickHouse cluster (a <c>remote_servers</c> name) the tables span: replicated tables created <c>ON CLUSTER</c>
    /// with a <c>Distributed</c> table over each (docs/storage.md). Needs <see cref="ServerUrl"/>. Default: not set (one node).
    /// </summary>
    public string? Cluster { get; set; }

    /// <summary>Every problem with these options, each naming the option to fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(ServerUrl))
        {
            try
            {
                var endpoint = Server.ClickHouseServerEndpoint.Parse(ServerUrl);
                if (endpoint.Database is { } database && !SqlIdentifier.IsValid(database))
                {
                    errors.Add($"{nameof(ServerUrl)}: the database '{database}' is not a plain identifier (letters, digits and '_', not starting with a digit).");
                }
            }
            catch (ArgumentException exception)
            {
                errors.Add($"{nameof(ServerUrl)}: {exception.Message}");
            }
        }
        else if (string.IsNullOrWhiteSpace(DataPath))
        {
            errors.Add($"{nameof(DataPath)}: set a directory for the embedded database, or set {nameof(ServerUrl)} to use a ClickHouse server.");
        }

        if (Cluster is not null)
        {
            if (string.IsNullOrWhiteSpace(ServerUrl))
            {
                errors.Add($"{nameof(Cluster)}: a cluster needs a ClickHouse server; set {nameof(ServerUrl)} to one of its nodes (the embedded ClickHouse is one node).");
            }

            if (!SqlIdentifier.IsValid(Cluster))
            {
                errors.Add($"{nameof(Cluster)}: '{Cluster}' is not a plain identifier (letters, digits and '_', not starting with a digit).");
            }
        }

        if (!SqlIdentifier.IsValid(Database))
        {
            errors.Add($"{nameof(Database)}: '{Database}' is not a plain identifier (letters, digits and '_', not starting with a digit).");
        }

        return errors;
    }
}
