namespace Otel.Grafana.Tests.Harness;

// Expectations from Grafana's TemplateSrv formats and the plugin's CHDatasource (format, applyConditionalAll).
public sealed class TemplateVariablesTests
{
    private static readonly Dictionary<string, IReadOnlyList<string>> s_values = new()
    {
        ["run_id"] = ["r1"],
        ["run_ids"] = ["r1", "r'2"],
        ["model"] = ["churn"],
        ["status"] = [TemplateVariables.All],
        ["empty"] = [""],
    };

    [Theory]
    [InlineData("run_id = '$run_id'", "run_id = 'r1'")]
    [InlineData("run_id = '${run_id}'", "run_id = 'r1'")]
    [InlineData("run_id = '[[run_id]]'", "run_id = 'r1'")]
    [InlineData("run_id IN ($run_ids)", "run_id IN ('r1','r'2')")]
    [InlineData("run_id IN (${run_ids:singlequote})", "run_id IN ('r1','r\\'2')")]
    [InlineData("run_id IN (${run_ids:sqlstring})", "run_id IN ('r1','r''2')")]
    [InlineData("run_id = ${run_id:singlequote}", "run_id = 'r1'")]
    [InlineData("'${run_ids:csv}'", "'r1,r'2'")]
    [InlineData("[[run_ids:pipe]]", "r1|r'2")]
    [InlineData("${run_ids:doublequote}", "\"r1\",\"r'2\"")]
    [InlineData("${run_ids:json}", "[\"r1\",\"r'2\"]")]
    [InlineData("${run_ids:queryparam}", "var-run_ids=r1&var-run_ids=r%272")]
    [InlineData("$__timeFilter(t) AND m = '$model'", "$__timeFilter(t) AND m = 'churn'")]
    public void Substitute_Reference_IsFormattedAsGrafanaDoes(string sql, string expected) =>
        Assert.Equal(expected, TemplateVariables.Substitute(sql, s_values));

    [Fact]
    public void Substitute_MultiValueVariableWithOneValue_IsStillAQuotedList() =>
        Assert.Equal("IN ('r1')", TemplateVariables.Substitute("IN ($run_id)", s_values, new HashSet<string> { "run_id" }));

    [Theory]
    [InlineData("WHERE $__conditionalAll(status IN ($status), $status)", "WHERE 1=1")]
    [InlineData("WHERE $__conditionalAll(status IN ($empty), ${empty})", "WHERE 1=1")]
    [InlineData("WHERE $__conditionalAll(run_id IN ($run_ids), $run_ids) AND $__conditionalAll(f(a, b) = '$model', $model)", "WHERE run_id IN ('r1','r'2') AND f(a, b) = 'churn'")]
    public void Substitute_ConditionalAll_IsTheConditionUnlessAllOrEmpty(string sql, string expected) =>
        Assert.Equal(expected, TemplateVariables.Substitute(sql, s_values));

    [Theory]
    [InlineData("WHERE m = '$modle'", "$modle")]
    [InlineData("WHERE m = '${model:weird}'", "weird")]
    [InlineData("WHERE $__conditionalAll(m = 1)", "two arguments")]
    public void Substitute_UnknownVariableOrFormat_FailsNamingIt(string sql, string expectedInMessage)
    {
        var error = Assert.Throws<GrafanaQueryException>(() => TemplateVariables.Substitute(sql, s_values));

        Assert.Contains(expectedInMessage, error.Message, StringComparison.Ordinal);
    }
}
