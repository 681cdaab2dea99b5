using System.Text.RegularExpressions;
using Otel.Collector.Telemetry;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Telemetry;

/// <summary>docs/self-monitoring.md and <see cref="CollectorMeter"/> describe the same instruments.</summary>
public sealed partial class SelfMonitoringDocTests
{
    private static readonly string Doc = RepositoryFiles.Read("docs/self-monitoring.md");

    [Fact]
    public void Doc_EveryInstrumentOfCollectorMeter_Named()
    {
        var missing = CollectorMeter.InstrumentNames.Where(name => !Doc.Contains($"`{name}`", StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, "docs/self-monitoring.md does not describe: " + string.Join(", ", missing));
    }

    [Fact]
    public void Doc_EveryInstrumentItNames_DefinedByCollectorMeter()
    {
        var named = InstrumentName().Matches(Doc).Select(m => m.Groups[1].Value).Distinct();

        Assert.Empty(named.Except(CollectorMeter.InstrumentNames));
    }

    [Fact]
    public void InstrumentNames_EveryConstantOfCollectorMeter_Listed()
    {
        var constants = typeof(CollectorMeter).GetFields()
            .Where(f => f.IsLiteral && f.GetRawConstantValue() is string value && value.StartsWith("otel_track.", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!);

        Assert.Equal(constants.Order(), CollectorMeter.InstrumentNames.Order());
    }

    [Fact]
    public void Readme_LinksTheDoc() =>
        Assert.Contains("(docs/self-monitoring.md)", RepositoryFiles.Read("README.md"), StringComparison.Ordinal);

    [GeneratedRegex("`(otel_track\\.[a-z_.]+)`")]
    private static partial Regex InstrumentName();
}
