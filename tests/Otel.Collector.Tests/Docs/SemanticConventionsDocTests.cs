using System.Reflection;
using Otel.Collector.Tests.Infrastructure;
using Otel.Tracking;
using Otel.Tracking.Diagnostics;

namespace Otel.Collector.Tests.Docs;

/// <summary>
/// The user-facing conventions page is checked against the files that define every name: the wire contract
/// (<see cref="MlSemanticConventions"/>, in Otel.Tracking.Contracts) and the .NET SDK's own telemetry names.
/// </summary>
public sealed class SemanticConventionsDocTests
{
    [Fact]
    public void ConventionsPage_NamesEveryConstantOfMlSemanticConventions() =>
        AssertPageNamesEveryConstant(typeof(MlSemanticConventions));

    [Fact]
    public void ConventionsPage_NamesEveryConstantOfSdkTelemetryNames() =>
        AssertPageNamesEveryConstant(typeof(SdkTelemetryNames));

    private static void AssertPageNamesEveryConstant(Type names)
    {
        var page = RepositoryFiles.Read("docs/semantic-conventions.md");
        const BindingFlags Constants = BindingFlags.Public | BindingFlags.Static;
        var constants = names.GetFields(Constants)
            .Concat(names.GetNestedTypes().SelectMany(t => t.GetFields(Constants)))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (Field: f.Name, Value: (string)f.GetRawConstantValue()!))
            .ToList();

        Assert.NotEmpty(constants);
        var missing = constants.Where(n => !page.Contains("`" + n.Value, StringComparison.Ordinal)).Select(n => $"{n.Field} = {n.Value}").ToList();
        Assert.True(missing.Count == 0, "docs/semantic-conventions.md does not mention: " + string.Join(", ", missing));
    }
}
