using YamlDotNet.RepresentationModel;

namespace Otel.Grafana.Tests.Alerts;

/// <summary>A node of the notification policy tree, and Alertmanager's routing through it.</summary>
internal sealed class NotificationRoute(YamlMappingNode node)
{
    public string? Receiver { get; } = node.Scalar("receiver");

    public IReadOnlyList<string> GroupBy { get; } = node.Strings("group_by");

    public string? GroupWait { get; } = node.Scalar("group_wait");

    public string? GroupInterval { get; } = node.Scalar("group_interval");

    public string? RepeatInterval { get; } = node.Scalar("repeat_interval");

    public bool Continue { get; } = node.Scalar("continue") == "true";

    public IReadOnlyList<string> MuteTimeIntervals { get; } = node.Strings("mute_time_intervals");

    /// <summary>object_matchers as (label, operator, value); only the equality operators are used here.</summary>
    public IReadOnlyList<(string Label, string Operator, string Value)> Matchers { get; } = node.Sequence("object_matchers")
        .Select(matcher => ((YamlSequenceNode)matcher).Children.Select(part => ((YamlScalarNode)part).Value ?? "").ToList())
        .Select(parts => parts.Count == 3 ? (parts[0], parts[1], parts[2]) : throw new InvalidOperationException($"a matcher has {parts.Count} parts, not 3"))
        .ToList();

    public IReadOnlyList<NotificationRoute> Routes { get; } = node.Mappings("routes").Select(route => new NotificationRoute(route)).ToList();

    public IEnumerable<NotificationRoute> SelfAndDescendants => Routes.SelectMany(route => route.SelfAndDescendants).Prepend(this);

    public bool Matches(IReadOnlyDictionary<string, string> labels) => Matchers.All(matcher =>
    {
        var value = labels.GetValueOrDefault(matcher.Label, "");
        return matcher.Operator switch
        {
            "=" => value == matcher.Value,
            "!=" => value != matcher.Value,
            _ => throw new InvalidOperationException($"matcher operator '{matcher.Operator}' is not modelled by this test"),
        };
    });

    /// <summary>
    /// The routes an alert with these labels is delivered by, as Alertmanager walks the tree: the first matching child
    /// (and the next ones while the matching child says continue), depth first; this node itself when no child matches.
    /// </summary>
    public IReadOnlyList<NotificationRoute> Route(IReadOnlyDictionary<string, string> labels)
    {
        var delivered = new List<NotificationRoute>();
        foreach (var child in Routes.Where(child => child.Matches(labels)))
        {
            delivered.AddRange(child.Route(labels));
            if (!child.Continue)
            {
                break;
            }
        }

        return delivered.Count == 0 ? [this] : delivered;
    }
}
