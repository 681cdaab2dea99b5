using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Otel.Collector.Production.Cost;

/// <summary>
/// Reads a price file (YAML, docs/linkage-and-cost.md) into a <see cref="PriceTable"/>, or every error in it, each
/// naming the field (<c>instances[2].hourly</c>) and its line.
/// </summary>
internal static class PriceFile
{
    private static readonly string[] RootKeys = ["currency", "instances", "gpus"];
    private static readonly string[] InstanceKeys = ["type", "provider", "region", "hourly"];
    private static readonly string[] GpuKeys = ["model", "hourly"];

    /// <summary>Reads and parses <paramref name="path"/>; errors start with the path.</summary>
    public static (PriceTable? Table, IReadOnlyList<string> Errors) Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return (null, [$"--prices {path}: cannot read it ({e.Message})"]);
        }

        var (table, errors) = Parse(bytes);
        return (table, [.. errors.Select(error => $"--prices {path}: {error}")]);
    }

    public static (PriceTable? Table, IReadOnlyList<string> Errors) Parse(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var errors = new List<string>();
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(Encoding.UTF8.GetString(bytes));
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            return (null, [$"not valid YAML at line {e.Start.Line}: {e.Message}"]);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return (null, ["must be one YAML mapping with currency, and instances and/or gpus (see docs/linkage-and-cost.md)"]);
        }

        CheckKeys(root, RootKeys, string.Empty, errors);
        var currency = Scalar(root, "currency", string.Empty, errors, required: true);
        if (currency is not null && !IsCurrencyCode(currency))
        {
            errors.Add($"currency: '{currency}' is not a three-letter currency code such as USD or EUR (line {Line(root, "currency")})");
        }

        var instances = Items(root, "instances", errors).Select(item => Instance(item.Node, item.Path, errors)).OfType<InstancePrice>().ToList();
        var gpus = Items(root, "gpus", errors).Select(item => Gpu(item.Node, item.Path, errors)).OfType<GpuPrice>().ToList();
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        // Only on valid entries: their positions are then the file's.
        CheckDuplicates(instances.Select(i => $"{i.Type}|{i.Provider}|{i.Region}".ToUpperInvariant()), "instances", "type, provider and region", errors);
        CheckDuplicates(gpus.Select(g => g.Model.ToUpperInvariant()), "gpus", "model", errors);
        if (instances.Count == 0 && gpus.Count == 0)
        {
            errors.Add("prices nothing: add instances (by host.type) or gpus (by ml.gpu.model)");
        }

        return errors.Count > 0
            ? (null, errors)
            : (new PriceTable(currency!, instances, gpus, Convert.ToHexStringLower(SHA256.HashData(bytes))), errors);
    }

    private static InstancePrice? Instance(YamlMappingNode node, string path, List<string> errors)
    {
        CheckKeys(node, InstanceKeys, path + ".", errors);
        var type = Scalar(node, "type", path + ".", errors, required: true);
        var provider = Scalar(node, "provider", path + ".", errors, required: false) ?? string.Empty;
        var region = Scalar(node, "region", path + ".", errors, required: false) ?? string.Empty;
        var hourly = Hourly(node, path, errors);
        if (region.Length > 0 && provider.Length == 0)
        {
            errors.Add($"{path}.region: needs provider too, since regions are named per cloud (line {Line(node, "region")})");
        }

        return type is null || hourly is null ? null : new InstancePrice(type, provider, region, hourly.Value);
    }

    private static GpuPrice? Gpu(YamlMappingNode node, string path, List<string> errors)
    {
        CheckKeys(node, GpuKeys, path + ".", errors);
        var model = Scalar(node, "model", path + ".", errors, required: true);
        var hourly = Hourly(node, path, errors);
        return model is null || hourly is null ? null : new GpuPrice(model, hourly.Value);
    }

    private static double? Hourly(YamlMappingNode node, string path, List<string> errors)
    {
        var text = Scalar(node, "hourly", path + ".", errors, required: true);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var hourly) && double.IsFinite(hourly) && hourly >= 0)
        {
            return hourly;
        }

        errors.Add($"{path}.hourly: '{text}' is not a price per hour (a number, 0 or more) (line {Line(node, "hourly")})");
        return null;
    }

    /// <summary>The sequence under <paramref name="key"/> (absent is empty), each item a mapping, with its path for errors.</summary>
    private static List<(YamlMappingNode Node, string Path)> Items(YamlMappingNode root, string key, List<string> errors)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(key), out var value) || value is YamlScalarNode { Value: null or "" })
        {
            return [];
        }

        if (value is not YamlSequenceNode sequence)
        {
            errors.Add($"{key}: must be a list of entries (line {value.Start.Line})");
            return [];
        }

        var items = new List<(YamlMappingNode, string)>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (sequence.Children[i] is YamlMappingNode item)
            {
                items.Add((item, $"{key}[{i}]"));
            }
            else
            {
                errors.Add($"{key}[{i}]: must be an entry with {(key == "gpus" ? "model and hourly" : "type and hourly")} (line {sequence.Children[i].Start.Line})");
            }
        }

        return items;
    }

    private static string? Scalar(YamlMappingNode node, string key, string prefix, List<string> errors, bool required)
    {
        if (!node.Children.TryGetValue(new YamlScalarNode(key), out var value))
        {
            if (required)
            {
                errors.Add($"{prefix}{key}: required (line {node.Start.Line})");
            }

            return null;
        }

        if (value is not YamlScalarNode { Value: { } text } || string.IsNullOrWhiteSpace(text))
        {
            errors.Add($"{prefix}{key}: must be a non-empty value (line {value.Start.Line})");
            return null;
        }

        return text.Trim();
    }

    private static void CheckKeys(YamlMappingNode node, string[] known, string prefix, List<string> errors)
    {
        foreach (var key in node.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? key.ToString();
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                errors.Add($"{prefix}{name}: unknown field; expected {string.Join(", ", known)} (line {key.Start.Line})");
            }
        }
    }

    private static void CheckDuplicates(IEnumerable<string> keys, string list, string what, List<string> errors)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var key in keys)
        {
            if (!seen.TryAdd(key, index))
            {
                errors.Add($"{list}[{index}]: same {what} as {list}[{seen[key]}]; keep one");
            }

            index++;
        }
    }

    private static long Line(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value.Start.Line : node.Start.Line;

    private static bool IsCurrencyCode(string text) => text.Length == 3 && text.All(char.IsAsciiLetterUpper);
}
