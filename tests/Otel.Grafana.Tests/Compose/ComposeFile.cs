using Otel.Collector.Tests.Infrastructure;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Otel.Grafana.Tests.Compose;

/// <summary>
/// docker-compose.yml as Compose reads it: YAML merge keys (<c>&lt;&lt;: *anchor</c>) resolved, so each service carries
/// what it inherits from the <c>x-</c> templates.
/// </summary>
internal sealed class ComposeFile
{
    public const string Path = "docker-compose.yml";

    private ComposeFile(IReadOnlyDictionary<string, object?> root)
    {
        Root = root;
        Services = ComposeService.Map(root, "services")
            .ToDictionary(entry => entry.Key, entry => new ComposeService(entry.Key, ComposeService.AsMap(entry.Value, entry.Key)), StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, object?> Root { get; }

    public IReadOnlyDictionary<string, ComposeService> Services { get; }

    public static ComposeFile Load() => Parse(RepositoryFiles.Read(Path));

    public static ComposeFile Parse(string yaml)
    {
        using var reader = new StringReader(yaml);
        var document = new DeserializerBuilder().Build().Deserialize<object>(new MergingParser(new Parser(reader)));
        return new ComposeFile(ComposeService.AsMap(document, Path));
    }

    /// <summary>Services started by a plain <c>docker compose up</c> (no profile).</summary>
    public IEnumerable<ComposeService> DefaultServices => Services.Values.Where(service => service.Profiles.Count == 0);

    /// <summary>Services a profile adds.</summary>
    public IEnumerable<ComposeService> ProfileServices(string profile) => Services.Values.Where(service => service.Profiles.Contains(profile));
}
