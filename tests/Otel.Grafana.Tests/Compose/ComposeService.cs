namespace Otel.Grafana.Tests.Compose;

/// <summary>One service of docker-compose.yml, with the parts the checks read.</summary>
internal sealed class ComposeService(string name, IReadOnlyDictionary<string, object?> map)
{
    public string Name { get; } = name;

    public IReadOnlyDictionary<string, object?> Definition { get; } = map;

    public string? Image => Definition.GetValueOrDefault("image") as string;

    public bool IsBuilt => Definition.ContainsKey("build");

    public IReadOnlyList<string> Profiles => List(Definition, "profiles");

    public IReadOnlyDictionary<string, object?>? Healthcheck => Definition.GetValueOrDefault("healthcheck") is { } check ? AsMap(check, Name + ".healthcheck") : null;

    /// <summary>depends_on in its long form: service name → condition (the short list form has none).</summary>
    public IReadOnlyDictionary<string, string?> DependsOn => Definition.GetValueOrDefault("depends_on") switch
    {
        null => new Dictionary<string, string?>(),
        IDictionary<object, object> longForm => longForm.ToDictionary(
            entry => (string)entry.Key, entry => AsMap(entry.Value, Name + ".depends_on").GetValueOrDefault("condition") as string, StringComparer.Ordinal),
        IList<object> shortForm => shortForm.Cast<string>().ToDictionary(dependency => dependency, _ => (string?)null, StringComparer.Ordinal),
        var other => throw new InvalidOperationException($"{Name}.depends_on is a {other.GetType().Name}"),
    };

    /// <summary>Volumes in the short syntax, split into source, target and mode.</summary>
    public IReadOnlyList<ComposeVolume> Volumes => List(Definition, "volumes").Select(ComposeVolume.Parse).ToList();

    public IReadOnlyDictionary<string, string> Environment => Map(Definition, "environment")
        .ToDictionary(entry => entry.Key, entry => entry.Value as string ?? "", StringComparer.Ordinal);

    public IReadOnlyList<string> Command => List(Definition, "command");

    public IReadOnlyList<string> Ports => List(Definition, "ports");

    /// <summary>The value of <paramref name="option"/> in the command (<c>--cluster NAME</c>), or null.</summary>
    public string? CommandOption(string option)
    {
        var command = Command;
        var at = command.ToList().IndexOf(option);
        return at >= 0 && at + 1 < command.Count ? command[at + 1] : null;
    }

    public static IReadOnlyDictionary<string, object?> Map(IReadOnlyDictionary<string, object?> parent, string key) =>
        parent.GetValueOrDefault(key) is { } value ? AsMap(value, key) : new Dictionary<string, object?>();

    public static IReadOnlyDictionary<string, object?> AsMap(object? value, string what) => value is IDictionary<object, object?> map
        ? map.ToDictionary(entry => (string)entry.Key, entry => entry.Value, StringComparer.Ordinal)
        : throw new InvalidOperationException($"{what} is not a mapping");

    public static IReadOnlyList<string> List(IReadOnlyDictionary<string, object?> parent, string key) => parent.GetValueOrDefault(key) switch
    {
        null => [],
        IList<object> items => items.Select(item => item as string ?? throw new InvalidOperationException($"an item of {key} is not a string")).ToList(),
        string single => [single],
        var other => throw new InvalidOperationException($"{key} is a {other.GetType().Name}"),
    };
}

/// <summary>A short-syntax volume: <c>SOURCE:TARGET[:MODE]</c>; a source starting with '.' is a path in the repository.</summary>
internal sealed record ComposeVolume(string Source, string Target, string? Mode)
{
    public bool IsBindMount => Source.StartsWith('.') || Source.StartsWith('/');

    public static ComposeVolume Parse(string text)
    {
        var parts = text.Split(':');
        return parts.Length switch
        {
            2 => new ComposeVolume(parts[0], parts[1], null),
            3 => new ComposeVolume(parts[0], parts[1], parts[2]),
            _ => throw new InvalidOperationException($"volume '{text}' is not SOURCE:TARGET[:MODE]"),
        };
    }
}
