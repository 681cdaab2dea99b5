namespace Otel.Grafana.Tests.Compose;

/// <summary>The command of a stage's HEALTHCHECK (its exec form after <c>CMD</c>).</summary>
internal static class DockerHealthcheck
{
    public static IReadOnlyList<string> Command(DockerStage stage)
    {
        var arguments = Assert.Single(stage.All("HEALTHCHECK")).Arguments;
        var at = arguments.IndexOf("CMD [", StringComparison.Ordinal);
        Assert.True(at >= 0, "HEALTHCHECK without an exec-form CMD");
        return new DockerInstruction("CMD", arguments[(at + "CMD ".Length)..]).Words;
    }
}
