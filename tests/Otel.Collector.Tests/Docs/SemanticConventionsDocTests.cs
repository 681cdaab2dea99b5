using System.Reflection;
using Otel.Collector.Tests.Infrastructure;
using Otel.Tracking;

namespace Otel.Collector.Tests.Docs;

/// <summary>The user-facing conventions page is checked against the one file that defines every name.</summary>
public sealed class SemanticConventionsDocTests
{
    [Fact]
    public void ConventionsPage_NamesEveryConstantOfMlSemanticConventions()
    {
        var page = RepositoryFiles.Read("docs/semantic-conventions.md");
        var names = typeof(MlSemanticConventions)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Concat(typeof(MlSemanticConventions).GetNestedTypes().SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static)))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (Field: f.Name, Value: (string)f.GetRawConstantValue()!))
            .ToList();

        Assert.NotEmpty(names);
        var missing = names.Where(n => !page.Contains("`" + n.Value, StringComparison.Ordinal)).Select(n => $"{n.Field} = {n.Value}").ToList();
        Assert.True(missing.Count == 0, "docs/semantic-conventions.md does not mention: " + string.Join(", ", missing));
    }
}
