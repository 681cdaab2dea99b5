namespace Otel.Grafana.Tests.Harness;

// Expectations written from grafana/clickhouse-datasource v4.20 pkg/macros (and its macros_test.go) and macropro.
public sealed class GrafanaMacrosTests
{
    // 2014-11-12T11:45:26.123Z to 2015-11-12T11:45:26.456Z, the plugin's own test range.
    private static readonly GrafanaTimeRange s_range = new(
        DateTimeOffset.FromUnixTimeMilliseconds(1415792726123),
        DateTimeOffset.FromUnixTimeMilliseconds(1447328726456));

    [Theory]
    [InlineData("select * from foo where $__timeFilter(cast(sth as timestamp) )", "select * from foo where cast(sth as timestamp) >= toDateTime(1415792726) AND cast(sth as timestamp) <= toDateTime(1447328726)")]
    [InlineData("where $__timeFilter_ms(t)", "where t >= fromUnixTimestamp64Milli(1415792726123) AND t <= fromUnixTimestamp64Milli(1447328726456)")]
    [InlineData("( date >= $__fromTime and date <= $__toTime )", "( date >= toDateTime(1415792726) and date <= toDateTime(1447328726) )")]
    [InlineData("$__fromTime_ms, $__toTime_ms", "fromUnixTimestamp64Milli(1415792726123), fromUnixTimestamp64Milli(1447328726456)")]
    [InlineData("$__timeFrom(t) AND $__timeTo(t)", "t >= toDateTime(1415792726) AND t <= toDateTime(1447328726)")]
    [InlineData("$__dateFilter(d)", "d >= toDate('2014-11-12') AND d <= toDate('2015-11-12')")]
    [InlineData("$__dateTimeFilter(d, t)", "(d >= toDate('2014-11-12') AND d <= toDate('2015-11-12')) AND (t >= toDateTime(1415792726) AND t <= toDateTime(1447328726))")]
    [InlineData("$__dt(d, t)", "(d >= toDate('2014-11-12') AND d <= toDate('2015-11-12')) AND (t >= toDateTime(1415792726) AND t <= toDateTime(1447328726))")]
    [InlineData("$__timeInterval(t)", "toStartOfInterval(toDateTime(t), INTERVAL 20 second)")]
    [InlineData("$__timeInterval_ms(t)", "toStartOfInterval(toDateTime64(t, 3), INTERVAL 20000 millisecond)")]
    [InlineData("INTERVAL $__interval_s second", "INTERVAL 20 second")]
    [InlineData("$__timeGroup(ts, '5m')", "toStartOfInterval(toDateTime(ts), INTERVAL 300 second)")]
    [InlineData("$__timeGroup( ts , 1h)", "toStartOfInterval(toDateTime(ts), INTERVAL 3600 second)")]
    [InlineData("SELECT $__timeInterval($__fromTime) AS from_time", "SELECT toStartOfInterval(toDateTime(toDateTime(1415792726)), INTERVAL 20 second) AS from_time")]
    [InlineData("where $__timeFilter(coalesce(c, $__toTime))", "where coalesce(c, toDateTime(1447328726)) >= toDateTime(1415792726) AND coalesce(c, toDateTime(1447328726)) <= toDateTime(1447328726)")]
    [InlineData("where msg = 'it\\'s -- fine' and $__fromTime", "where msg = 'it\\'s -- fine' and toDateTime(1415792726)")]
    [InlineData("where msg = 'it''s' and $__fromTime", "where msg = 'it''s' and toDateTime(1415792726)")]
    public void ExpandForAlertRule_PluginMacro_MatchesTheGoOutput(string sql, string expected) =>
        Assert.Equal(expected, GrafanaMacros.ExpandForAlertRule(sql, s_range, TimeSpan.FromSeconds(20)));

    [Theory]
    [InlineData("$__interval", 300_000, "5m")]
    [InlineData("$__interval", 1_500, "1500ms")]
    [InlineData("$__interval_ms", 300_000, "300000")]
    [InlineData("$__interval_s", 300, "1")]
    [InlineData("$__interval_s", 1_999, "1")]
    [InlineData("$__timeInterval_ms(t)", 0, "toStartOfInterval(toDateTime64(t, 3), INTERVAL 1 millisecond)")]
    [InlineData("$__timeInterval(t)", 0, "toStartOfInterval(toDateTime(t), INTERVAL 1 second)")]
    public void ExpandForAlertRule_IntervalMacro_IsAtLeastOneWholeUnit(string sql, int intervalMilliseconds, string expected) =>
        Assert.Equal(expected, GrafanaMacros.ExpandForAlertRule(sql, s_range, TimeSpan.FromMilliseconds(intervalMilliseconds)));

    [Fact]
    public void ExpandForAlertRule_MacroInAComment_IsBlankedNotExpanded()
    {
        var expanded = GrafanaMacros.ExpandForAlertRule("SELECT 1 -- $__nope(x)\n/* $__timeFilter( */ FROM t", s_range, TimeSpan.FromSeconds(1));

        Assert.Equal("SELECT 1 " + new string(' ', 13) + "\n" + new string(' ', 20) + " FROM t", expanded);
    }

    [Theory]
    [InlineData("WHERE $__timeFilterr(t)", "$__timeFilterr")]
    [InlineData("WHERE $__conditionalAll(a IN ($v), $v)", "only in the browser")]
    [InlineData("WHERE t > $__from", "browser variable")]
    [InlineData("WHERE $__timeFilter(a, b)", "expected 1 argument(s), received 2")]
    [InlineData("WHERE $__timeFilter", "expected 1 argument(s), received 0")]
    [InlineData("WHERE $__timeFrom", "expected 1 argument(s), received 0")]
    [InlineData("$__timeGroup(t, fortnight)", "invalid interval")]
    [InlineData("FROM $__table", "no table name")]
    public void ExpandForAlertRule_UnknownOrMisusedMacro_FailsNamingIt(string sql, string expectedInMessage)
    {
        var error = Assert.Throws<GrafanaQueryException>(() => GrafanaMacros.ExpandForAlertRule(sql, s_range, TimeSpan.FromSeconds(1)));

        Assert.Contains(expectedInMessage, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$__from", "1415792726123")]
    [InlineData("${__to}", "1447328726456")]
    [InlineData("${__from:date:seconds}", "1415792726")]
    [InlineData("${__from:date:iso}", "2014-11-12T11:45:26.123Z")]
    [InlineData("$__interval|$__interval_ms", "1m|60000")]
    [InlineData("$__range_s", "31536000")]
    [InlineData("$__range", "1y")]
    [InlineData("toStartOfInterval(t, INTERVAL $__interval_s second)", "toStartOfInterval(t, INTERVAL 60 second)")]
    public void Expand_GlobalVariable_IsWhatTheBrowserSends(string sql, string expected) =>
        Assert.Equal(expected, GrafanaMacros.Expand(sql, s_range, TimeSpan.FromMinutes(1)));

    [Theory]
    [InlineData(21_600, 24, 10_000)]
    [InlineData(21_600, 12, 20_000)]
    [InlineData(3_600, 6, 10_000)]
    [InlineData(604_800, 24, 300_000)]
    public void GrafanaInterval_PanelWidth_RoundsLikeGrafana(int rangeSeconds, int columns, int expectedMilliseconds)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

        var interval = GrafanaInterval.ForPanel(GrafanaTimeRange.Last(TimeSpan.FromSeconds(rangeSeconds), now), columns);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), interval);
    }

    [Theory]
    [InlineData(90, "1m")]
    [InlineData(7_200, "2h")]
    [InlineData(0.5, "500ms")]
    [InlineData(172_800, "2d")]
    public void GrafanaGlobalVariables_Hms_KeepsTheLargestUnit(double seconds, string expected) =>
        Assert.Equal(expected, GrafanaGlobalVariables.Hms(TimeSpan.FromSeconds(seconds)));
}
