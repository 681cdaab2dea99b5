using Otel.Collector.SqlEndpoint;

namespace Otel.Collector.Tests.SqlEndpoint;

public sealed class ReadOnlyQueryTests
{
    private static readonly SqlSettingsPolicy Policy = new(new SqlEndpointOptions());

    public static TheoryData<string> Writes =>
    [
        "INSERT INTO ml_runs SELECT * FROM ml_runs",
        "CREATE TABLE x (a UInt8) ENGINE = Memory",
        "ALTER TABLE ml_runs DELETE WHERE 1",
        "DROP TABLE ml_runs",
        "TRUNCATE TABLE ml_runs",
        "RENAME TABLE ml_runs TO gone",
        "OPTIMIZE TABLE ml_runs FINAL",
        "DELETE FROM ml_runs WHERE 1",
        "UPDATE ml_runs SET Status = 'x' WHERE 1",
        "GRANT ALL ON *.* TO default",
        "KILL QUERY WHERE 1",
        "ATTACH TABLE gone",
        "DETACH TABLE ml_runs",
        "SYSTEM SHUTDOWN",
        "SYSTEM DROP DNS CACHE",
        "USE system",
    ];

    [Theory]
    [MemberData(nameof(Writes))]
    public void Check_StatementThatWritesOrControls_RefusedAsReadonly(string sql)
    {
        var refused = Assert.Throws<SqlEndpointException>(() => ReadOnlyQuery.Check(sql, Policy));

        Assert.Equal(164, refused.Error.Code);
        Assert.Contains(sql.Split(' ')[0], refused.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> OutsideReaches =>
    [
        "SELECT * FROM file('/etc/passwd', 'LineAsString')",
        "SELECT file('/etc/passwd')",
        "SELECT * FROM url('http://127.0.0.1:1/', 'CSV', 'a String')",
        "SELECT * FROM s3('http://bucket/x.csv')",
        "SELECT * FROM s3Cluster('c', 'http://bucket/x.csv')",
        "SELECT * FROM hdfs('hdfs://x/y', 'CSV')",
        "SELECT * FROM remote('127.0.0.1', system.one)",
        "SELECT * FROM remoteSecure('127.0.0.1', system.one)",
        "SELECT * FROM cluster('default', system.one)",
        "SELECT * FROM mysql('h:3306', 'db', 't', 'u', 'p')",
        "SELECT * FROM postgresql('h:5432', 'db', 't', 'u', 'p')",
        "SELECT * FROM executable('cat /etc/passwd', 'TSV', 'a String')",
        "SELECT * FROM jdbc('jdbc:x', 't')",
        "SELECT * FROM odbc('DSN=x', 't')",
        "SELECT * FROM input('a String')",
        "SELECT * FROM azureBlobStorage('x', 'c', 'b')",
        "SELECT * FROM icebergS3('http://bucket/t')",
        "SELECT * FROM dictionary('d')",
        "SELECT dictGet('d', 'a', 1)",
        "SELECT * FROM FILE('/etc/passwd')",
        "SELECT * FROM `file`('/etc/passwd')",
        "SELECT * FROM file /* the call is still a call */ ('/etc/passwd')",
        "SELECT 1 FROM system.one INTO OUTFILE '/tmp/x'",
        "SELECT * FROM hive('thrift://metastore:9083', 'db', 't', 'a String', 'a')",
        "SELECT catboostEvaluate('/var/lib/otel-track/model.bin', 1.0)",
    ];

    [Theory]
    [MemberData(nameof(OutsideReaches))]
    public void Check_ReachOutsideTheDatabase_RefusedAsAccessDenied(string sql)
    {
        var refused = Assert.Throws<SqlEndpointException>(() => ReadOnlyQuery.Check(sql, Policy));

        Assert.Equal(497, refused.Error.Code);
    }

    [Theory]
    [InlineData("SELECT 1; DROP TABLE ml_runs")]
    [InlineData("SELECT 1;SELECT 2")]
    [InlineData("SELECT $$ ' $$; DROP TABLE ml_runs")]
    public void Check_SeveralStatements_Refused(string sql)
    {
        var refused = Assert.Throws<SqlEndpointException>(() => ReadOnlyQuery.Check(sql, Policy));

        Assert.Contains("Multi-statements", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT 'file(' AS text", "SELECT 'file(' AS text")]
    [InlineData("SELECT 1 -- ; DROP TABLE ml_runs", "SELECT 1")]
    [InlineData("SELECT 1 /* ; DROP /* nested */ TABLE */ AS a;", "SELECT 1 /* ; DROP /* nested */ TABLE */ AS a")]
    [InlineData("SELECT $$;file($$ AS a", "SELECT $$;file($$ AS a")]
    [InlineData("SELECT 'it''s; fine', \"url\" FROM system.one", "SELECT 'it''s; fine', \"url\" FROM system.one")]
    [InlineData("SELECT name FROM system.settings WHERE name = 'readonly'", "SELECT name FROM system.settings WHERE name = 'readonly'")]
    [InlineData("  WITH 1 AS a SELECT a  ", "WITH 1 AS a SELECT a")]
    [InlineData("SHOW DATABASES", "SHOW DATABASES")]
    [InlineData("DESC TABLE ml_runs", "DESC TABLE ml_runs")]
    [InlineData("EXISTS TABLE ml_runs", "EXISTS TABLE ml_runs")]
    [InlineData("(SELECT 1) UNION ALL (SELECT 2)", "(SELECT 1) UNION ALL (SELECT 2)")]
    public void Check_Read_KeepsTheStatementAsWritten(string sql, string statement)
    {
        var query = ReadOnlyQuery.Check(sql, Policy);

        Assert.Equal(statement, query.Statement);
        Assert.False(query.IsNoOp);
    }

    [Theory]
    [InlineData("SELECT 1 FORMAT JSON", "JSON", "")]
    [InlineData("SELECT 1 SETTINGS max_execution_time=10", null, "max_execution_time=10")]
    [InlineData("SELECT 1 SETTINGS max_execution_time = 10, limit = 5 FORMAT JSONEachRow;", "JSONEachRow", "max_execution_time=10 limit=5")]
    [InlineData("SELECT 1 FORMAT Native SETTINGS output_format_json_quote_64bit_integers='0'", "Native", "output_format_json_quote_64bit_integers='0'")]
    public void Check_TrailingFormatAndSettings_TakenOffTheStatement(string sql, string? format, string settings)
    {
        var query = ReadOnlyQuery.Check(sql, Policy);

        Assert.Equal("SELECT 1", query.Statement);
        Assert.Equal(format, query.Format);
        Assert.Equal(settings, string.Join(" ", query.Settings.Select(s => s.Key + "=" + s.Value)));
    }

    [Theory]
    [InlineData("SELECT 1 SETTINGS readonly = 0, max_memory_usage = 0", "max_memory_usage")]
    [InlineData("SELECT * FROM (SELECT 1 SETTINGS max_execution_time = 100000)", "max_execution_time")]
    [InlineData("SELECT * FROM (SELECT 1 SETTINGS use_query_cache = 1)", "use_query_cache")]
    [InlineData("SET max_memory_usage = 0", "max_memory_usage")]
    [InlineData("SET allow_ddl = 1", "allow_ddl")]
    public void Check_SettingNotAllowed_RefusedNamingIt(string sql, string setting)
    {
        var refused = Assert.Throws<SqlEndpointException>(() => ReadOnlyQuery.Check(sql, Policy));

        Assert.Equal(164, refused.Error.Code);
        Assert.Contains($"'{setting}'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SetOfHarmlessSettings_NoOp()
    {
        var query = ReadOnlyQuery.Check("SET output_format_json_quote_64bit_integers = 0, session_timezone = 'UTC'", Policy);

        Assert.True(query.IsNoOp);
        Assert.Equal(2, query.Settings.Count);
    }

    [Theory]
    [InlineData("SELECT 'unterminated")]
    [InlineData("SELECT 1 /* open")]
    [InlineData("")]
    [InlineData("  ;  ")]
    public void Check_UnreadableOrEmpty_SyntaxError(string sql)
    {
        var refused = Assert.Throws<SqlEndpointException>(() => ReadOnlyQuery.Check(sql, Policy));

        Assert.Equal(62, refused.Error.Code);
    }

    [Fact]
    public void Clause_CallerAsksForMoreThanTheLimits_GetsTheLimitsAndReadonlyLast()
    {
        var policy = new SqlSettingsPolicy(new SqlEndpointOptions { MaxExecutionTime = TimeSpan.FromSeconds(5), MaxResultRows = 100, MaxResultBytes = 4096 });

        var clause = policy.Clause([new("max_execution_time", "1000"), new("max_result_rows", "0"), new("max_result_bytes", "10"), new("readonly", "0")], "JSON");

        Assert.Equal(" SETTINGS max_execution_time = 5, max_result_rows = 100, max_result_bytes = 10, readonly = 1", clause);
    }
}
