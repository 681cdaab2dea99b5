namespace Otel.Collector.SqlEndpoint;

/// <summary>
/// Functions and table functions that reach outside the collector's database: files, URLs, object stores, other
/// servers and databases, processes, dictionaries with their own sources. <c>readonly=1</c> stops writes, not all of
/// these (ClickHouse lets <c>url()</c> and <c>remote()</c> read under it), so the endpoint refuses them by name before
/// the query runs. Names compare without case; families (<c>s3Cluster</c>, <c>icebergS3</c>, <c>dictGet…</c>) by prefix.
/// </summary>
internal static class DeniedFunctions
{
    private static readonly HashSet<string> Names = new(
        [
            "file", "filecluster", "filesystem", "url", "urlcluster", "remote", "remotesecure", "cluster", "clusterallreplicas",
            "mysql", "postgresql", "sqlite", "mongodb", "redis", "jdbc", "odbc", "executable", "input", "eval", "python",
            "oss", "gcs", "cosn", "ytsaurus", "arrowstream", "arrowflight", "dictionary", "viewifpermitted",

            // A Hive metastore and HDFS; a CatBoost model file read from the collector's disk.
            "hive", "catboostevaluate",
        ],
        StringComparer.OrdinalIgnoreCase);

    private static readonly string[] Prefixes = ["s3", "hdfs", "azureblobstorage", "iceberg", "deltalake", "hudi", "paimon", "dict", "prometheus"];

    /// <summary>Why <paramref name="name"/> may not be called here, or null when it may.</summary>
    public static string? Reason(string name) =>
        Names.Contains(name) || Prefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase))
            ? $"{name}() reaches outside the collector's database (files, URLs, other servers, processes or dictionary sources), " +
              "which this read-only endpoint does not allow: query the tables of the database it serves"
            : null;
}
