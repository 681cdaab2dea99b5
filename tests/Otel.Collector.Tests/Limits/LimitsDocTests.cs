using System.Globalization;
using System.Text.RegularExpressions;
using Otel.Collector.Limits;
using Otel.Collector.Receivers;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Limits;

/// <summary>docs/limits.md lists every limit with the default the code has, and is linked from the READMEs.</summary>
public sealed partial class LimitsDocTests
{
    [Fact]
    public void EveryEdgeLimit_IsInTheTableWithItsDefault()
    {
        var rows = TableRows();
        var defaults = new EdgeLimits();

        foreach (var property in EdgeLimitsOptionsTests.LimitProperties())
        {
            var row = Assert.Single(rows, r => r[2].Contains($"`Limits.{property.Name}`", StringComparison.Ordinal));
            Assert.True(Default(row[1]) == (int)property.GetValue(defaults)!, $"{property.Name}: the table says '{row[1]}', the code {property.GetValue(defaults)}");
        }
    }

    [Fact]
    public void ReceiverLimits_AreInTheTableWithTheirDefaults()
    {
        var rows = TableRows();

        Assert.Equal(OtlpReceiverOptions.DefaultMaxRequestBodyBytes, Default(rows.First(r => r[2].Contains("`Receivers.MaxRequestBodyBytes`", StringComparison.Ordinal))[1]));
        Assert.Equal(OtlpReceiverOptions.DefaultMaxJsonDepth, Default(Assert.Single(rows, r => r[2].Contains("`Receivers.MaxJsonDepth`", StringComparison.Ordinal))[1]));
    }

    [Theory]
    [InlineData("README.md", "docs/limits.md")]
    [InlineData("collector/Otel.Collector/Receivers/README.md", "../../../docs/limits.md")]
    public void Readme_LinksTheLimitsPage(string readme, string link) =>
        Assert.Contains($"]({link})", RepositoryFiles.Read(readme), StringComparison.Ordinal);

    private static List<string[]> TableRows() =>
    [
        .. RepositoryFiles.Read("docs/limits.md").Split('\n')
            .Where(line => line.StartsWith("| ", StringComparison.Ordinal) && !line.StartsWith("| ---", StringComparison.Ordinal))
            .Select(line => line.Trim().Trim('|').Split(" | ").Select(c => c.Trim()).ToArray())
            .Where(cells => cells.Length == 5),
    ];

    /// <summary>"2,048", "512 bytes (UTF-8)", "1 MiB (…)", "16 levels" as a number.</summary>
    private static int Default(string cell)
    {
        var match = LeadingNumber().Match(cell);
        Assert.True(match.Success, $"no number at the start of '{cell}'");
        var value = int.Parse(match.Groups[1].Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "MiB" => value * 1024 * 1024,
            "KiB" => value * 1024,
            _ => value,
        };
    }

    [GeneratedRegex(@"^([\d,]+)\s*(MiB|KiB)?")]
    private static partial Regex LeadingNumber();
}
