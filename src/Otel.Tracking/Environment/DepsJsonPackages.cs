using System.Reflection;
using System.Text.Json;

namespace Otel.Tracking.EnvironmentCapture;

/// <summary>
/// The NuGet packages a program runs with, from the <c>.deps.json</c> the build writes beside it: the
/// <c>libraries</c> of type <c>package</c>, whose keys are already <c>Name/Version</c>. Project references and the
/// shared framework are not packages and are left out.
/// </summary>
internal static class DepsJsonPackages
{
    /// <summary>Sorted <c>Name/Version</c> strings, or null without a readable deps file (single-file apps embed it).</summary>
    public static string[]? ReadForEntryAssembly()
    {
        var path = EntryDepsFile();
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        using var stream = File.OpenRead(path);
        return Parse(stream);
    }

    internal static string[] Parse(Stream depsJson)
    {
        using var document = JsonDocument.Parse(depsJson, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        if (!document.RootElement.TryGetProperty("libraries", out var libraries) || libraries.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var packages = new List<string>();
        foreach (var library in libraries.EnumerateObject())
        {
            if (library.Value.ValueKind == JsonValueKind.Object
                && library.Value.TryGetProperty("type", out var type)
                && type.ValueKind == JsonValueKind.String
                && type.ValueEquals("package"))
            {
                packages.Add(library.Name);
            }
        }

        packages.Sort(StringComparer.Ordinal);
        return [.. packages];
    }

    private static string? EntryDepsFile()
    {
        // The host lists the app's deps file first in APP_CONTEXT_DEPS_FILES; the name rule is the fallback.
        if (AppContext.GetData("APP_CONTEXT_DEPS_FILES") is string files
            && files.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() is { } first)
        {
            return first;
        }

        return Assembly.GetEntryAssembly()?.GetName().Name is { } name
            ? Path.Combine(AppContext.BaseDirectory, name + ".deps.json")
            : null;
    }
}
