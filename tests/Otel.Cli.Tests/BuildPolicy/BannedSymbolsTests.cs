using System.Reflection;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Cli.Tests.BuildPolicy;

/// <summary>
/// The banned-API analyzer silently ignores an entry whose documentation id names nothing (a property written as
/// <c>M:…get_UtcNow</c> never fired), so every entry must resolve to a member of its kind. Here, beside the CLI, because
/// this project sees every assembly an entry may name (the framework's, and Spectre.Console's for the CLI's output).
/// </summary>
public sealed class BannedSymbolsTests
{
    [Fact]
    public void BannedSymbols_EveryEntry_NamesAnExistingMemberOfItsKind()
    {
        var entries = RepositoryFiles.Read("BannedSymbols.txt")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith('#'))
            .Select(line => line.Split(';')[0])
            .ToList();

        Assert.NotEmpty(entries);
        var unresolved = entries.Where(id => !Resolves(id)).ToList();
        Assert.True(unresolved.Count == 0, "BannedSymbols.txt entries that name nothing (so never fire): " + string.Join(", ", unresolved));
    }

    [Theory]
    [InlineData("P:System.DateTimeOffset.UtcNow", true)]
    [InlineData("M:System.DateTimeOffset.get_UtcNow", false)]
    [InlineData("M:System.Int32.Parse(System.String)", true)]
    [InlineData("M:System.Int32.Parse(System.Int64)", false)]
    public void Resolves_DocumentationId_MatchesOnlyRealMembers(string id, bool expected) => Assert.Equal(expected, Resolves(id));

    private static bool Resolves(string id)
    {
        var kind = id[..2];
        var body = id[2..];
        var parameters = body.Contains('(', StringComparison.Ordinal) ? body[(body.IndexOf('(', StringComparison.Ordinal) + 1)..^1].Split(',') : [];
        var name = body.Contains('(', StringComparison.Ordinal) ? body[..body.IndexOf('(', StringComparison.Ordinal)] : body;
        if (kind == "T:")
        {
            return FindType(name) is not null;
        }

        var dot = name.LastIndexOf('.');
        var type = FindType(name[..dot]);
        var member = name[(dot + 1)..];
        const BindingFlags all = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static;
        return kind switch
        {
            "P:" => type?.GetProperty(member, all) is not null,
            "M:" when member == "#ctor" => type?.GetConstructors().Any(c => SameParameters(c, parameters)) == true,
            "M:" => type?.GetMethods(all).Any(m => m.Name == member && !m.IsSpecialName && SameParameters(m, parameters)) == true,
            _ => false,
        };
    }

    private static bool SameParameters(MethodBase method, string[] parameters) =>
        method.GetParameters().Select(p => p.ParameterType.FullName).SequenceEqual(parameters);

    /// <summary>Documentation ids write generic arity with a backtick, as reflection does.</summary>
    private static Type? FindType(string name) =>
        SearchedAssemblies.Concat(AppDomain.CurrentDomain.GetAssemblies()).Select(a => a.GetType(name)).FirstOrDefault(t => t is not null);

    /// <summary>Assemblies the banned types live in, loaded here so the lookup does not depend on what ran before.</summary>
    private static readonly Assembly[] SearchedAssemblies =
        [typeof(object).Assembly, typeof(System.Diagnostics.ActivitySource).Assembly, typeof(Spectre.Console.Markup).Assembly];
}
