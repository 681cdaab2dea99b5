using Otel.Collector.Redaction;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Redaction;

/// <summary>docs/redaction.md names every rule, and its before/after examples are what the redactor does.</summary>
public sealed class RedactionDocTests
{
    private static readonly string Page = RepositoryFiles.Read("docs/redaction.md");

    /// <summary>Formats the page describes by shape only: a literal look-alike could trip secret scanning on push.</summary>
    private static readonly string[] ScannerSensitive =
    [
        RedactionRules.GitHubToken, RedactionRules.SlackToken, RedactionRules.StripeKey, RedactionRules.GoogleApiKey,
        RedactionRules.OpenAiKey, RedactionRules.NpmToken, RedactionRules.HuggingFaceToken, RedactionRules.GitLabToken, RedactionRules.OtelTrackKey,
    ];

    [Fact]
    public void RedactionPage_NamesEveryBuiltInRule()
    {
        var missing = RedactionRules.BuiltIn.Where(rule => !Page.Contains("`" + rule + "`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "docs/redaction.md does not mention: " + string.Join(", ", missing));
    }

    [Fact]
    public void RedactionPage_ExamplesMatchTheRedactor()
    {
        var examples = Examples().ToList();
        var withoutExample = RedactionRules.BuiltIn.Except(ScannerSensitive).Where(rule => !examples.Any(e => e.Rule == rule)).ToList();
        Assert.True(withoutExample.Count == 0, "docs/redaction.md has no example for: " + string.Join(", ", withoutExample));
        foreach (var (rule, key, before, after) in examples)
        {
            var redactor = SecretRedactor.CreateDefault();
            Assert.True(after == redactor.Redact(key, before), $"docs example for {rule}: '{before}' became '{redactor.Redact(key, before)}', the page says '{after}'");
            Assert.True(redactor.Counters[rule] > 0, $"docs example for {rule} was redacted by another rule");
        }
    }

    [Fact]
    public void RedactionPage_QuotesTheValidationErrorVerbatim()
    {
        var options = new RedactionOptions();
        options.ExtraKeyPatterns.Add("^ok$");
        options.ExtraKeyPatterns.Add("(unclosed");
        var error = Assert.Single(RedactionOptionsValidator.Validate(options));
        Assert.Contains(error, Page, StringComparison.Ordinal);
    }

    /// <summary>Rows of the examples table: | `rule` | `key` | `before` | `after` |.</summary>
    private static IEnumerable<(string Rule, string Key, string Before, string After)> Examples()
    {
        foreach (var line in Page.Split('\n'))
        {
            var cells = line.Trim().Trim('|').Split(" | ");
            if (cells.Length == 4 && cells.All(c => c.Trim().Length > 2 && c.Trim().StartsWith('`') && c.Trim().EndsWith('`')))
            {
                var values = cells.Select(c => c.Trim()[1..^1]).ToArray();
                yield return (values[0], values[1], values[2], values[3]);
            }
        }
    }
}
