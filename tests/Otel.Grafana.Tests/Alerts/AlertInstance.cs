namespace Otel.Grafana.Tests.Alerts;

/// <summary>One row of a rule's table result as Grafana alerting reads it: the label columns and the one number.</summary>
internal sealed record AlertInstance(IReadOnlyDictionary<string, string> Labels, double? Value)
{
    /// <summary>The values of the named labels joined with '/', to name an instance in assertions.</summary>
    public string Identity(IEnumerable<string> labelNames) => string.Join('/', labelNames.Select(name => Labels.GetValueOrDefault(name, "")));
}
