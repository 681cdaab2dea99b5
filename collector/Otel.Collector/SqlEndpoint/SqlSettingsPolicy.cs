using System.Globalization;
using System.Text;

namespace Otel.Collector.SqlEndpoint;

/// <summary>
/// Which settings a caller may send (in the URL, a query's SETTINGS clause or a SET) and what every query runs with.
/// Harmless settings (output formats, time zones, join and null semantics, HTTP behaviour) pass; the limits
/// (<see cref="SqlEndpointOptions"/>) may be lowered for a whole query, never raised; <c>readonly=1</c> always comes
/// last, so nothing after it changes a setting (a caller's own <c>readonly</c> is accepted and ignored). Anything else,
/// such as <c>max_memory_usage</c> or <c>use_query_cache</c> (which writes a cache), is refused with what is allowed.
/// </summary>
internal sealed class SqlSettingsPolicy
{
    private static readonly HashSet<string> Harmless = new(
        [
            "limit", "offset", "extremes", "totals_mode", "totals_auto_threshold", "session_timezone", "use_client_time_zone",
            "join_use_nulls", "joined_subquery_requires_alias", "prefer_column_name_to_alias", "aggregate_functions_null_for_empty",
            "cast_keep_nullable", "transform_null_in", "union_default_mode", "count_distinct_implementation", "enable_analyzer",
            "allow_experimental_analyzer", "wait_end_of_query", "send_progress_in_http_headers", "cancel_http_readonly_queries_on_client_close",
            "enable_http_compression", "log_comment", "max_block_size", "preferred_block_size_bytes", "final",
            "do_not_merge_across_partitions_select_final", "data_type_default_nullable", "async_insert", "wait_for_async_insert",
            "max_query_size", "precise_float_parsing", "low_cardinality_allow_in_native_format", "result_overflow_mode",
            "timeout_overflow_mode", "readonly", "skip_unavailable_shards", "distributed_product_mode", "any_join_distinct_right_table_keys",
            "join_algorithm", "group_by_use_nulls", "mutations_sync",
        ],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>Families of harmless settings; <c>format_schema</c> is not one of them (it names a file to read).</summary>
    private static readonly string[] HarmlessPrefixes = ["output_format_", "input_format_", "date_time_", "http_", "optimize_", "join_", "format_csv_", "format_tsv_", "format_custom_", "format_regexp_", "format_display_"];

    private readonly SqlEndpointOptions _options;

    public SqlSettingsPolicy(SqlEndpointOptions options) => _options = options;

    /// <summary>What the refusal of a setting says is allowed.</summary>
    public static string AllowedDescription =>
        "harmless settings (output_format_*, date_time_*, session_timezone, join_use_nulls, limit, offset, max_block_size, …) " +
        "and, for the whole query, lower max_execution_time, max_result_rows, max_result_bytes and max_threads";

    /// <exception cref="SqlEndpointException">The setting is not allowed here.</exception>
    public void RequireAllowed(string name, bool topLevel)
    {
        // A caller's readonly is overridden by the readonly=1 that ends the whole query's clause; a subquery's own
        // SETTINGS would apply to that subquery after it, so there it is refused.
        if (!topLevel && name.Equals("readonly", StringComparison.OrdinalIgnoreCase))
        {
            throw new SqlEndpointException(ClickHouseErrors.Readonly,
                "Cannot modify 'readonly' setting in readonly mode: this endpoint always runs readonly=1; leave readonly out of subqueries' SETTINGS");
        }

        if (IsHarmless(name) || (topLevel && Limits().ContainsKey(name)))
        {
            return;
        }

        var why = Limits().ContainsKey(name)
            ? $"{name} bounds the whole query and may only be lowered in the query's own trailing SETTINGS or in the URL"
            : $"this endpoint allows {AllowedDescription}";
        throw new SqlEndpointException(ClickHouseErrors.Readonly, $"Cannot modify '{name}' setting in readonly mode: {why}");
    }

    /// <summary>
    /// The SETTINGS clause a query runs with: the caller's harmless settings (URL first, then the query's own, the later
    /// winning), every limit at the smaller of the caller's value and the endpoint's, what the output format needs, and
    /// <c>readonly=1</c> last.
    /// </summary>
    public string Clause(IEnumerable<KeyValuePair<string, string>> requested, string format)
    {
        var limits = Limits();
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, literal) in requested)
        {
            RequireAllowed(name, topLevel: true);
            if (limits.TryGetValue(name, out var cap))
            {
                settings[name] = Lowered(name, literal, cap);
            }
            else if (!name.Equals("readonly", StringComparison.OrdinalIgnoreCase))
            {
                settings[name] = literal;
            }
        }

        foreach (var (name, cap) in limits)
        {
            if (name != "max_threads")
            {
                settings.TryAdd(name, cap.ToString(CultureInfo.InvariantCulture));
            }
        }

        if (settings.TryGetValue("result_overflow_mode", out var mode) && mode.Trim('\'') is not ("throw" or "break"))
        {
            throw new SqlEndpointException(ClickHouseErrors.BadArguments, "result_overflow_mode must be 'throw' or 'break'");
        }

        if (format.Equals("Native", StringComparison.OrdinalIgnoreCase))
        {
            // JSON columns carry a serialization state the Native transcoder (NativeBlocks) does not know; as String they travel.
            settings["output_format_native_write_json_as_string"] = "1";
        }

        var clause = new StringBuilder(" SETTINGS ");
        foreach (var (name, literal) in settings)
        {
            clause.Append(name).Append(" = ").Append(literal).Append(", ");
        }

        return clause.Append("readonly = 1").ToString();
    }

    /// <summary>A URL parameter's value as a settings literal: numbers and true/false as they are, anything else quoted.</summary>
    public static string Literal(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || value is "true" or "false" ? value : Quote(value);

    /// <summary>A ClickHouse string literal: backslashes and quotes escaped.</summary>
    public static string Quote(string value) => "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    private static bool IsHarmless(string name) =>
        Harmless.Contains(name) || HarmlessPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    private Dictionary<string, double> Limits() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["max_execution_time"] = _options.MaxExecutionTime.TotalSeconds,
        ["max_result_rows"] = _options.MaxResultRows,
        ["max_result_bytes"] = _options.MaxResultBytes,
        ["max_threads"] = Environment.ProcessorCount,
    };

    /// <summary>The caller's value when it is lower than the cap; 0 (ClickHouse's "no limit") and anything higher become the cap.</summary>
    private static string Lowered(string name, string literal, double cap)
    {
        if (!double.TryParse(literal.Trim('\''), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            throw new SqlEndpointException(ClickHouseErrors.BadArguments, $"{name} must be a non-negative number, not {literal}");
        }

        return (value == 0 || value > cap ? cap : value).ToString(CultureInfo.InvariantCulture);
    }
}
