using System.Net;
using System.Text;
using System.Text.Json;
using Otel.Collector.ClickHouse;
using Otel.Collector.Query.RunFilter;
using Otel.Collector.Tests.EndToEnd;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.RunFilter;

/// <summary>
/// Random filters, from fragments of the grammar, SQL and stray characters: parsing either succeeds (and then compiles, and
/// the collector runs the query) or fails with the parse error; never another exception, never a 500.
/// </summary>
public sealed class FilterFuzzTests
{
    private static readonly string[] Fragments =
    [
        "metrics.acc", "params.lr", "tags.owner", "attributes.status", "attributes.start_time", "attributes.end_time", "attributes.run_name",
        "attributes.run_id", "attributes.experiment", "metrics.`a b`", "params.\"x y\"", "foo.bar", "metrics.", "metrics", "attributes.nope",
        "=", "!=", "<", "<=", ">", ">=", "<>", "==", "LIKE", "ilike", "in", "NOT", "not in", "and", "OR", "AND", "or",
        "(", ")", "(", ")", ",", "'a'", "\"b\"", "'%'", "'_x'", "''", "'it''s'", "0", "1", "-2.5", "1e3", "0.", ".5", "+3", "1e999", "'2026-01-01'", "'2026-13-45'",
        "';", "\"", "'", "`", "\\", "--", "/*", "*/", ";", "DROP TABLE ml_runs", "1=1", "{x:String}", "\0", "é", "😀", "\t", "\n", "NULL", "SELECT",
    ];

    [Fact]
    public void ParseAndCompile_RandomFilters_OnlyEverFailWithTheParseError()
    {
        var random = new Random(12_345);
        var parsed = 0;
        for (var i = 0; i < 20_000; i++)
        {
            // Every third filter is built to parse, so that the compiler sees many trees.
            var filter = i % 3 == 0 ? ValidFilter(random) : RandomFilter(random);
            try
            {
                var node = FilterParser.Parse(filter);
                var parameters = new QueryParameters();
                var sql = FilterSqlCompiler.Compile(node, parameters);
                Assert.False(string.IsNullOrEmpty(sql));
                parsed++;
            }
            catch (RunFilterException ex)
            {
                Assert.StartsWith("filter: ", ex.Message, StringComparison.Ordinal);
            }
        }

        // The generator reaches both sides: a fuzz run that parses nothing (or everything) tests little.
        Assert.InRange(parsed, 6_000, 19_000);
    }

    [Fact]
    public async Task RunsApi_RandomFiltersAndOrders_AnswerOkOrBadRequestNever500()
    {
        await using var collector = await RunningCollector.StartAsync("filter_fuzz_api");
        var random = new Random(54_321);
        var answers = new Dictionary<HttpStatusCode, int>();
        for (var i = 0; i < 300; i++)
        {
            // Every third request is built to parse, so that the SQL the collector runs is fuzzed too.
            var filter = i % 3 == 0 ? ValidFilter(random) : RandomFilter(random);
            var order = random.Next(4) == 0 ? RandomFilter(random) : Fragments[random.Next(9)] + (random.Next(2) == 0 ? " desc" : string.Empty);
            using var response = await collector.Api.GetAsync($"api/runs?filter={Uri.EscapeDataString(filter)}&orderBy={Uri.EscapeDataString(order)}", TestContext.Current.CancellationToken)
                .WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)response.StatusCode} for filter {filter} order {order}: {body}");
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                Assert.Matches("^(filter|order-by): ", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
            }

            answers[response.StatusCode] = answers.GetValueOrDefault(response.StatusCode) + 1;
        }

        Assert.True(answers.GetValueOrDefault(HttpStatusCode.OK) > 50, "too few filters parsed to test the SQL");
        Assert.True(answers.GetValueOrDefault(HttpStatusCode.BadRequest) > 50, "too few filters failed to test the errors");
    }

    private static string RandomFilter(Random random)
    {
        var text = new StringBuilder();
        var count = random.Next(1, 14);
        for (var i = 0; i < count; i++)
        {
            text.Append(random.Next(10) == 0 ? ((char)random.Next(1, 0x3000)).ToString() : Fragments[random.Next(Fragments.Length)]);
            text.Append(random.Next(5) == 0 ? string.Empty : " ");
        }

        return text.ToString();
    }

    /// <summary>A filter the grammar accepts: comparisons of the right kind, joined by and/or, some in parentheses.</summary>
    private static string ValidFilter(Random random)
    {
        string[] comparisons =
        [
            "metrics.acc > 0.5", "metrics.`a b` != -1", "params.lr = '0.1'", "params.\"x y\" LIKE '%'", "tags.owner IN ('a', 'b''c')",
            "tags.t NOT IN ('')", "attributes.status = 'FINISHED'", "attributes.start_time >= '2026-01-01'", "attributes.end_time < 1e13",
            "attributes.run_name ILIKE '_%\\\\'", "attributes.experiment != '{x:String}'", "params.p = 'DROP TABLE ml_runs; --'",
        ];
        var terms = Enumerable.Range(0, random.Next(1, 6)).Select(_ => comparisons[random.Next(comparisons.Length)]).ToList();
        var text = new StringBuilder(terms[0]);
        foreach (var term in terms.Skip(1))
        {
            text.Append(random.Next(2) == 0 ? " and " : " OR ").Append(random.Next(3) == 0 ? $"({term})" : term);
        }

        return random.Next(2) == 0 ? $"({text})" : text.ToString();
    }
}
