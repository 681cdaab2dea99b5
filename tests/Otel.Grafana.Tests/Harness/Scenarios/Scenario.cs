namespace Otel.Grafana.Tests.Harness.Scenarios;

/// <summary>The states of the store every dashboard and alert query is run against, one database each (docs/dashboards-testing.md).</summary>
public enum Scenario
{
    /// <summary>A finished sweep, a governed model promoted to champion, two hours of healthy serving, SLOs met.</summary>
    Healthy,

    /// <summary>Healthy, but one feature's serving distribution shifted over the last hour (drift status <c>drift</c>).</summary>
    Drifted,

    /// <summary>Healthy, but 20 % errors and 20 % slow responses over the last hour (SLO burn pages).</summary>
    Burning,

    /// <summary>
    /// Healthy, but 4 % errors and 1 % slow responses for the whole two hours (the availability SLO burns at 4×: a
    /// ticket, not a page) and <c>age</c> moderately shifted over the last hour (drift status <c>warn</c>).
    /// </summary>
    Degraded,

    /// <summary>Healthy, plus failed, LOST, diverging, stalled, incomplete and duplicate runs and a troubled collector.</summary>
    Failing,
}
