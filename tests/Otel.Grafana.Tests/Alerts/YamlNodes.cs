using YamlDotNet.RepresentationModel;

namespace Otel.Grafana.Tests.Alerts;

/// <summary>Reading provisioning YAML the way Grafana's loader sees it: mappings, sequences and scalars by key.</summary>
internal static class YamlNodes
{
    public static YamlMappingNode LoadFile(string path)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            yaml.Load(reader);
        }

        return Assert.IsType<YamlMappingNode>(Assert.Single(yaml.Documents).RootNode);
    }

    public static string? Scalar(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    public static string Required(this YamlMappingNode node, string key) =>
        node.Scalar(key) ?? throw new InvalidOperationException($"'{key}' is missing at line {node.Start.Line}");

    public static YamlMappingNode? Mapping(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (YamlMappingNode)value : null;

    public static IReadOnlyList<YamlNode> Sequence(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlSequenceNode)value).Children.ToList() : [];

    public static IReadOnlyList<YamlMappingNode> Mappings(this YamlMappingNode node, string key) =>
        node.Sequence(key).Cast<YamlMappingNode>().ToList();

    public static IReadOnlyList<string> Strings(this YamlMappingNode node, string key) =>
        node.Sequence(key).Select(item => ((YamlScalarNode)item).Value ?? "").ToList();

    public static IReadOnlyDictionary<string, string> StringMap(this YamlMappingNode node, string key) =>
        node.Mapping(key)?.Children.ToDictionary(entry => ((YamlScalarNode)entry.Key).Value ?? "", entry => ((YamlScalarNode)entry.Value).Value ?? "")
        ?? new Dictionary<string, string>();
}
