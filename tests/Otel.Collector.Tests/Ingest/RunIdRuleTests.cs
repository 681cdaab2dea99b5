using Otel.Tracking;

namespace Otel.Collector.Tests.Ingest;

/// <summary>The parts of the run id rule that no OTLP encoder can send (an unpaired surrogate becomes U+FFFD in UTF-8).</summary>
public sealed class RunIdRuleTests
{
    /// <summary>A fact, not a theory: test case serialization would turn the surrogates into U+FFFD.</summary>
    [Fact]
    public void Check_UnpairedSurrogate_Refused() => Assert.All(
        ["lone high \ud800", "\udc00 lone low", "reversed \udc00\ud800", "high then text \ud800x"],
        id => Assert.Equal("is not well-formed Unicode (an unpaired surrogate cannot be encoded as UTF-8)", RunIdRule.Check(id)));

    [Fact]
    public void Check_SurrogatePairAtTheEnd_Accepted() => Assert.Null(RunIdRule.Check("rocket 🚀"));

    [Fact]
    public void CheckReference_EmptyOrAbsent_MeansNoReference()
    {
        Assert.Null(RunIdRule.CheckReference("ml.run.parent_id", null));
        Assert.Null(RunIdRule.CheckReference("ml.run.parent_id", string.Empty));
    }
}
