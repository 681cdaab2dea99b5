using Otel.Collector.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Otel.Grafana.Tests.Alerts;

/// <summary>
/// Everything in alerts/*.yaml, read as Grafana's alerting file provisioning reads it: rule groups, contact points,
/// the notification policy tree and mute timings.
/// </summary>
internal sealed class AlertProvisioning
{
    /// <summary>The sections Grafana's alerting provisioning knows (anything else in a file is ignored by Grafana).</summary>
    public static readonly IReadOnlySet<string> KnownSections = new HashSet<string>
    {
        "apiVersion", "groups", "deleteRules", "contactPoints", "deleteContactPoints", "policies", "resetPolicies",
        "muteTimes", "deleteMuteTimes", "templates", "deleteTemplates",
    };

    private AlertProvisioning(IReadOnlyDictionary<string, YamlMappingNode> files)
    {
        Files = files;
        Groups = files.SelectMany(file => file.Value.Mappings("groups").Select(group => (file.Key, group))).ToList();
        Rules = Groups.SelectMany(entry => entry.Group.Mappings("rules").Select(rule => new AlertRule(entry.File, entry.Group.Required("name"), rule))).ToList();
        ContactPoints = files.Values.SelectMany(file => file.Mappings("contactPoints")).ToList();
        Policies = files.Values.SelectMany(file => file.Mappings("policies")).Select(policy => new NotificationRoute(policy)).ToList();
        MuteTimes = files.Values.SelectMany(file => file.Mappings("muteTimes")).ToList();
    }

    public static AlertProvisioning Load { get; } = new(
        Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "alerts"), "*.yaml").Order(StringComparer.Ordinal)
            .ToDictionary(path => Path.GetFileName(path), YamlNodes.LoadFile));

    /// <summary>File name (alerts/NAME.yaml) → its root mapping.</summary>
    public IReadOnlyDictionary<string, YamlMappingNode> Files { get; }

    public IReadOnlyList<(string File, YamlMappingNode Group)> Groups { get; }

    public IReadOnlyList<AlertRule> Rules { get; }

    public IReadOnlyList<YamlMappingNode> ContactPoints { get; }

    public IReadOnlyList<NotificationRoute> Policies { get; }

    public IReadOnlyList<YamlMappingNode> MuteTimes { get; }

    public AlertRule Rule(string uid) => Rules.Single(rule => rule.Uid == uid);

    /// <summary>xunit data: every rule's uid.</summary>
    public static TheoryData<string> RuleUids => [.. Load.Rules.Select(rule => rule.Uid)];
}
