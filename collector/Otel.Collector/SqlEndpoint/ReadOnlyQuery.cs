namespace Otel.Collector.SqlEndpoint;

/// <summary>
/// A query checked to be a single read: its statement without a trailing <c>SETTINGS</c> or <c>FORMAT</c> clause, the
/// format it names, and the settings it asks for, which <see cref="SqlSettingsPolicy"/> merges with the endpoint's own.
/// A <c>SET</c> of harmless settings is <see cref="IsNoOp"/>: over HTTP without a session it changes nothing after the
/// request, and running it would change the shared engine connection instead.
/// </summary>
internal sealed class ReadOnlyQuery
{
    /// <summary>Statements that only read; everything else is refused, and the writes among them say so.</summary>
    private static readonly HashSet<string> ReadStatements = new(["SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "EXISTS", "EXPLAIN"], StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> WriteStatements = new(
        [
            "INSERT", "CREATE", "ALTER", "DROP", "TRUNCATE", "RENAME", "OPTIMIZE", "DELETE", "UPDATE", "GRANT", "REVOKE", "KILL",
            "ATTACH", "DETACH", "EXCHANGE", "UNDROP", "BACKUP", "RESTORE", "MOVE", "REPLACE", "UPSERT",
        ],
        StringComparer.OrdinalIgnoreCase);

    private ReadOnlyQuery(string statement, string? format, IReadOnlyList<KeyValuePair<string, string>> settings, bool isNoOp)
    {
        Statement = statement;
        Format = format;
        Settings = settings;
        IsNoOp = isNoOp;
    }

    /// <summary>The statement to run, without its trailing SETTINGS and FORMAT clauses.</summary>
    public string Statement { get; }

    /// <summary>The format of a trailing <c>FORMAT name</c> clause, or null.</summary>
    public string? Format { get; }

    /// <summary>Settings of the trailing SETTINGS clause (or of a SET), as written: name and literal.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings { get; }

    public bool IsNoOp { get; }

    /// <exception cref="SqlEndpointException">The query writes, reaches outside the database, is several statements, or cannot be read.</exception>
    public static ReadOnlyQuery Check(string sql, SqlSettingsPolicy policy)
    {
        var tokens = SqlTokenizer.Tokenize(sql);
        var count = tokens.Count;
        if (count > 0 && tokens[count - 1].Kind == SqlTokenKind.Semicolon)
        {
            count--;
        }

        if (count == 0)
        {
            throw new SqlEndpointException(ClickHouseErrors.SyntaxError, "Empty query: send a SELECT in the request body or in ?query=");
        }

        if (tokens.Take(count).Any(t => t.Kind == SqlTokenKind.Semicolon))
        {
            throw new SqlEndpointException(ClickHouseErrors.SyntaxError, "Multi-statements are not allowed: send one statement per request");
        }

        var first = tokens[0];
        if (first.IsWord("SET"))
        {
            return CheckSet(tokens, count, policy);
        }

        CheckStatementKind(first);
        CheckTokens(tokens, count);
        var clauses = SettingsClauses(tokens, count);
        var (end, format, topLevel) = Tail(tokens, count, clauses);
        foreach (var clause in clauses)
        {
            foreach (var (name, _) in clause.Settings)
            {
                // Limits may be lowered for the whole query only: a subquery's own SETTINGS must not raise them.
                policy.RequireAllowed(name, topLevel: ReferenceEquals(clause, topLevel));
            }
        }

        var statement = sql[tokens[0].Start..tokens[end - 1].End];
        return new ReadOnlyQuery(statement, format, topLevel?.Settings ?? [], isNoOp: false);
    }

    private static void CheckStatementKind(SqlToken first)
    {
        if (first.Kind == SqlTokenKind.OpenParen || (first.Kind == SqlTokenKind.Word && ReadStatements.Contains(first.Value)))
        {
            return;
        }

        var word = first.Value.ToUpperInvariant();
        var message = first.Kind != SqlTokenKind.Word ? "the query does not start with a statement: send SELECT, WITH, SHOW, DESCRIBE, EXISTS or EXPLAIN"
            : WriteStatements.Contains(word) ? $"{word} writes or changes the database, and this endpoint is read-only (readonly=1): it answers SELECT, WITH, SHOW, DESCRIBE, EXISTS and EXPLAIN"
            : word == "SYSTEM" ? "SYSTEM statements control the server, and this endpoint is read-only: it answers SELECT, WITH, SHOW, DESCRIBE, EXISTS and EXPLAIN"
            : word == "USE" ? "USE is not allowed: this endpoint serves one database; name it in the database parameter (Grafana: defaultDatabase) or qualify tables"
            : $"{word} is not a read this endpoint answers: it answers SELECT, WITH, SHOW, DESCRIBE, EXISTS and EXPLAIN";
        throw new SqlEndpointException(ClickHouseErrors.Readonly, $"Cannot execute query in readonly mode: {message}");
    }

    /// <summary>Calls of denied functions, and <c>INTO OUTFILE</c>, anywhere in the query.</summary>
    private static void CheckTokens(IReadOnlyList<SqlToken> tokens, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var token = tokens[i];
            if (token.IsName && i + 1 < count && tokens[i + 1].Value == "(" && DeniedFunctions.Reason(token.Value) is { } reason)
            {
                throw new SqlEndpointException(ClickHouseErrors.AccessDenied, "Not enough privileges: " + reason);
            }

            if (token.IsWord("INTO") && i + 1 < count && tokens[i + 1].IsWord("OUTFILE"))
            {
                throw new SqlEndpointException(ClickHouseErrors.AccessDenied,
                    "Not enough privileges: INTO OUTFILE writes a file on the collector's machine, which this read-only endpoint does not allow: the result comes back in the response");
            }
        }
    }

    /// <summary>Where the statement ends: before a trailing <c>FORMAT name</c> and a trailing depth-0 SETTINGS clause, in either order.</summary>
    private static (int End, string? Format, SettingsClause? Settings) Tail(IReadOnlyList<SqlToken> tokens, int count, IReadOnlyList<SettingsClause> clauses)
    {
        var end = count;
        string? format = null;
        SettingsClause? settings = null;
        var changed = true;
        while (changed && end > 1)
        {
            changed = false;
            if (format is null && end >= 3 && tokens[end - 2].IsWord("FORMAT") && tokens[end - 2].Depth == 0 && tokens[end - 1].IsName)
            {
                format = tokens[end - 1].Value;
                end -= 2;
                changed = true;
            }
            else if (settings is null && clauses.FirstOrDefault(c => c.End == end && c.Depth == 0) is { } clause && clause.Start > 0)
            {
                settings = clause;
                end = clause.Start;
                changed = true;
            }
        }

        return (end, format, settings);
    }

    private static ReadOnlyQuery CheckSet(IReadOnlyList<SqlToken> tokens, int count, SqlSettingsPolicy policy)
    {
        var (settings, end) = ReadSettingList(tokens, 1, count);
        if (end != count || settings.Count == 0)
        {
            throw new SqlEndpointException(ClickHouseErrors.SyntaxError, "Syntax error: SET takes name = value pairs separated by commas");
        }

        foreach (var (name, _) in settings)
        {
            policy.RequireAllowed(name, topLevel: false);
        }

        return new ReadOnlyQuery(string.Empty, null, settings, isNoOp: true);
    }

    /// <summary>Every <c>SETTINGS name = value, …</c> clause, at any depth: a SETTINGS word (not <c>system.settings</c>) followed by a name and '='.</summary>
    private static List<SettingsClause> SettingsClauses(IReadOnlyList<SqlToken> tokens, int count)
    {
        var clauses = new List<SettingsClause>();
        for (var i = 0; i + 2 < count; i++)
        {
            if (tokens[i].IsWord("SETTINGS") && (i == 0 || tokens[i - 1].Kind != SqlTokenKind.Dot)
                && tokens[i + 1].IsName && tokens[i + 2].Kind == SqlTokenKind.Equals)
            {
                var (settings, end) = ReadSettingList(tokens, i + 1, count);
                clauses.Add(new SettingsClause(i, end, tokens[i].Depth, settings));
            }
        }

        return clauses;
    }

    /// <summary>Reads <c>name = literal (, name = literal)*</c> from <paramref name="start"/>; returns the pairs and the index after them.</summary>
    private static (List<KeyValuePair<string, string>> Settings, int End) ReadSettingList(IReadOnlyList<SqlToken> tokens, int start, int count)
    {
        var settings = new List<KeyValuePair<string, string>>();
        var i = start;
        while (i + 1 < count && tokens[i].IsName && tokens[i + 1].Kind == SqlTokenKind.Equals)
        {
            var name = tokens[i].Value;
            i += 2;
            var sign = i < count && tokens[i].Value is "-" or "+" ? tokens[i++].Value : string.Empty;
            if (i >= count || tokens[i].Kind is not (SqlTokenKind.Number or SqlTokenKind.String or SqlTokenKind.Word)
                || (sign.Length > 0 && tokens[i].Kind != SqlTokenKind.Number))
            {
                throw new SqlEndpointException(ClickHouseErrors.SyntaxError,
                    $"Syntax error: the value of setting {name} must be a number, a quoted string or a word (true, false, throw…)");
            }

            var literal = tokens[i].Kind == SqlTokenKind.String ? SqlSettingsPolicy.Quote(tokens[i].Value) : sign + tokens[i].Value;
            settings.Add(new(name, literal));
            i++;
            if (i < count && tokens[i].Kind == SqlTokenKind.Comma)
            {
                i++;
            }
            else
            {
                break;
            }
        }

        return (settings, i);
    }

    private sealed record SettingsClause(int Start, int End, int Depth, List<KeyValuePair<string, string>> Settings);
}
