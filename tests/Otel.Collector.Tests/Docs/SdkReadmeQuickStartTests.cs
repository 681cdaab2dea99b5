using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Otel.Collector.Tests.Infrastructure;
using Otel.Tracking;

namespace Otel.Collector.Tests.Docs;

/// <summary>
/// The SDK README's quick-start program compiles as written, in a <c>dotnet new console</c> project (implicit usings)
/// that references the SDK: the code block is extracted from the page and built with the C# compiler.
/// </summary>
public sealed partial class SdkReadmeQuickStartTests
{
    // What <ImplicitUsings>enable</ImplicitUsings> adds to a console project (Microsoft.NET.Sdk).
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    [Fact]
    public void QuickStartProgram_AsWritten_Compiles()
    {
        var ct = TestContext.Current.CancellationToken;
        var program = QuickStartProgram(RepositoryFiles.Read("src/Otel.Tracking/README.md"));
        Assert.Contains("using Otel.Tracking;", program, StringComparison.Ordinal);

        var compilation = CSharpCompilation.Create(
            "QuickStart",
            [CSharpSyntaxTree.ParseText(ImplicitUsings, path: "GlobalUsings.cs", cancellationToken: ct), CSharpSyntaxTree.ParseText(program, path: "Program.cs", cancellationToken: ct)],
            References(),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var assembly = new MemoryStream();
        var result = compilation.Emit(assembly, cancellationToken: ct);

        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.True(result.Success, "the README's program does not compile:\n" + string.Join("\n", errors) + "\n\n" + program);
    }

    /// <summary>The first C# block under the "Quick start" heading that is a whole program (it has a using line).</summary>
    private static string QuickStartProgram(string readme)
    {
        var section = readme[readme.IndexOf("## Quick start", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 1, StringComparison.Ordinal)];
        return CSharpBlock().Matches(section).Select(m => m.Groups["code"].Value).Single(code => code.StartsWith("using ", StringComparison.Ordinal));
    }

    /// <summary>
    /// The framework's reference set plus the SDK and every assembly it brings (OpenTelemetry, the contracts…), as a
    /// package or project reference would.
    /// </summary>
    private static IEnumerable<MetadataReference> References()
    {
        var paths = new HashSet<string>(((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator), StringComparer.Ordinal);
        var pending = new Stack<System.Reflection.Assembly>([typeof(MlTracking).Assembly]);
        while (pending.TryPop(out var assembly))
        {
            if (paths.Add(assembly.Location))
            {
                foreach (var name in assembly.GetReferencedAssemblies())
                {
                    pending.Push(System.Reflection.Assembly.Load(name));
                }
            }
        }

        return paths.Select(path => MetadataReference.CreateFromFile(path));
    }

    [GeneratedRegex(@"```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
