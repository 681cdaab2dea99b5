using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Otel.Collector.Production.Slo;

/// <summary>
/// Parses the YAML of an SLO file (docs/slos.md) into definitions, collecting every error at once. The YAML is read
/// as a node tree rather than bound to a class, so an unknown or misspelt field is an error that names it and its
/// line instead of being ignored.
/// </summary>
internal static class SloFileParser
{
    public const int MaxNameLength = 100;

    private static readonly string[] Fields = ["name", "description", "kind", "model", "service", "route", "objective", "window", "threshold"];

    public static SloFile Parse(string path, string yaml)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(yaml);
        var errors = new List<string>();
        var warnings = new List<string>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            return new SloFile(path, [], [$"{path} (line {e.Start.Line}): not valid YAML: {e.Message}"], []);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return new SloFile(path, [], [$"{path}: an SLO file is a mapping with one field, slos: a list of SLOs (docs/slos.md)"], []);
        }

        YamlSequenceNode? list = null;
        foreach (var (key, value) in root.Children)
        {
            if (Text(key) == "slos" && value is YamlSequenceNode sequence)
            {
                list = sequence;
            }
            else if (Text(key) == "slos")
            {
                errors.Add($"{path} (line {value.Start.Line}): slos must be a list of SLOs");
            }
            else
            {
                errors.Add($"{path} (line {key.Start.Line}): unknown field '{Text(key)}' at the top level; the only field is slos");
            }
        }

        if (list is null || list.Children.Count == 0)
        {
            if (errors.Count == 0)
            {
                errors.Add($"{path}: no SLOs: give slos, a list of at least one SLO (docs/slos.md)");
            }

            return new SloFile(path, [], errors, warnings);
        }

        var slos = new List<SloDefinition>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Children.Count; i++)
        {
            var node = list.Children[i];
            if (node is not YamlMappingNode mapping)
            {
                errors.Add($"{path}: SLO #{i + 1} (line {node.Start.Line}): an SLO is a mapping of fields ({string.Join(", ", Fields)})");
                continue;
            }

            var reader = new SloReader(path, i + 1, mapping, errors);
            if (reader.Read() is { } slo)
            {
                if (!names.Add(slo.Name))
                {
                    errors.Add($"{reader.Where}: name: '{slo.Name}' is already used by another SLO of this file; names must be unique");
                }
                else
                {
                    slos.Add(slo);
                }

                if (slo.Threshold is { } threshold && !HttpServerDurationBounds.IsBound(threshold, HttpServerDurationBounds.Default))
                {
                    warnings.Add($"{reader.Where}: threshold: {Format(threshold)} s is not one of OpenTelemetry's default http.server.request.duration bounds "
                        + $"({string.Join(", ", HttpServerDurationBounds.Default.Select(Format))}); it must be a bucket bound of the histogram your service "
                        + "exports, or the SLI is counted at the highest bound below it");
                }
            }
        }

        return new SloFile(path, errors.Count == 0 ? slos : [], errors, warnings);
    }

    public static string Format(double seconds) => seconds.ToString("0.######", CultureInfo.InvariantCulture);

    private static string? Text(YamlNode node) => (node as YamlScalarNode)?.Value;

    /// <summary>Reads one SLO's fields, adding an error per bad field.</summary>
    private sealed class SloReader(string path, int index, YamlMappingNode mapping, List<string> errors)
    {
        private readonly Dictionary<string, YamlNode> _fields = new(StringComparer.Ordinal);
        private string? _name;

        /// <summary>How errors name this SLO: by name once known, by position until then, with its line.</summary>
        public string Where => _name is { Length: > 0 } name
            ? $"{path}: SLO '{name}' (line {mapping.Start.Line})"
            : $"{path}: SLO #{index} (line {mapping.Start.Line})";

        public SloDefinition? Read()
        {
            var before = errors.Count;
            foreach (var (key, value) in mapping.Children)
            {
                _fields[Text(key) ?? string.Empty] = value;
            }

            _name = String("name");
            if (_name is null)
            {
                errors.Add($"{Where}: name: missing; every SLO needs a name (letters, digits, '.', '_', '-')");
            }
            else if (_name.Length > MaxNameLength || !_name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                errors.Add($"{Where}: name: '{_name}' must be 1 to {MaxNameLength} letters, digits, '.', '_' or '-'");
            }

            foreach (var (key, value) in mapping.Children)
            {
                if (!Fields.Contains(Text(key), StringComparer.Ordinal))
                {
                    errors.Add($"{Where}: unknown field '{Text(key)}' (line {key.Start.Line}); the fields of an SLO are {string.Join(", ", Fields)}");
                }
            }

            var kind = Kind();
            var model = String("model");
            var service = String("service");
            if (model is null && service is null && !Has("model") && !Has("service"))
            {
                errors.Add($"{Where}: model: missing; say which requests the SLO covers with model (ml.model.name), or service (service.name) and optionally route");
            }

            var objective = Objective();
            var window = Window();
            var threshold = Threshold(kind);
            return errors.Count == before
                ? new SloDefinition(_name!, kind!.Value, model, service, String("route"), objective!.Value, window!.Value, threshold, String("description"))
                : null;
        }

        private bool Has(string field) => _fields.ContainsKey(field);

        /// <summary>A field's text: null when absent; an error when it is not a non-empty scalar.</summary>
        private string? String(string field)
        {
            if (!_fields.TryGetValue(field, out var node))
            {
                return null;
            }

            if (node is YamlScalarNode { Value: { Length: > 0 } value } && !string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }

            errors.Add($"{Where}: {field}: must be a non-empty text (line {node.Start.Line})");
            return null;
        }

        private SloKind? Kind()
        {
            switch (String("kind"))
            {
                case "availability": return SloKind.Availability;
                case "latency": return SloKind.Latency;
                case null when !Has("kind"):
                    errors.Add($"{Where}: kind: missing; give availability (share of requests without a server error) or latency (share within a threshold)");
                    return null;
                case null: return null;
                case var other:
                    errors.Add($"{Where}: kind: '{other}' is not a kind of SLO; use availability or latency");
                    return null;
            }
        }

        private double? Objective()
        {
            var text = String("objective");
            if (text is null)
            {
                if (!Has("objective"))
                {
                    errors.Add($"{Where}: objective: missing; give the target share of good requests, such as 0.999 for 99.9%");
                }

                return null;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var objective) || !(objective > 0 && objective < 1))
            {
                errors.Add($"{Where}: objective: '{text}' must be a number between 0 and 1 exclusive, such as 0.999 for 99.9%");
                return null;
            }

            return objective;
        }

        private int? Window()
        {
            var text = String("window");
            switch (text)
            {
                case null when !Has("window"): return 30;
                case null: return null;
                case "28d": return 28;
                case "30d": return 30;
                default:
                    errors.Add($"{Where}: window: '{text}' is not a window; use 28d or 30d (default 30d)");
                    return null;
            }
        }

        private double? Threshold(SloKind? kind)
        {
            var text = String("threshold");
            if (kind == SloKind.Availability && Has("threshold"))
            {
                errors.Add($"{Where}: threshold: only a latency SLO has a threshold; remove it, or make the SLO kind: latency");
                return null;
            }

            if (kind != SloKind.Latency)
            {
                return null;
            }

            if (text is null)
            {
                if (!Has("threshold"))
                {
                    errors.Add($"{Where}: threshold: missing; a latency SLO needs a threshold in seconds that is a bucket bound of http.server.request.duration, such as 0.25");
                }

                return null;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !(seconds > 0) || double.IsInfinity(seconds))
            {
                errors.Add($"{Where}: threshold: '{text}' must be a positive number of seconds, such as 0.25");
                return null;
            }

            return seconds;
        }
    }
}
