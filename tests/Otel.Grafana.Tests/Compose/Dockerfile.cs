using System.Text.Json;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Grafana.Tests.Compose;

/// <summary>The repository's Dockerfile as its stages and their instructions (continuation lines joined, comments dropped).</summary>
internal sealed class Dockerfile
{
    public const string Path = "Dockerfile";

    private Dockerfile(IReadOnlyList<DockerStage> stages) => Stages = stages;

    public IReadOnlyList<DockerStage> Stages { get; }

    public DockerStage Stage(string name) => Stages.Single(stage => stage.Name == name);

    public static Dockerfile Load() => Parse(RepositoryFiles.Read(Path));

    public static Dockerfile Parse(string text)
    {
        var stages = new List<(string Image, string? Name, List<DockerInstruction> Instructions)>();
        foreach (var (keyword, arguments) in Instructions(text))
        {
            if (keyword == "FROM")
            {
                var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var name = words.Length == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
                stages.Add((words[0], name, []));
            }
            else if (stages.Count == 0)
            {
                throw new InvalidOperationException($"{keyword} before the first FROM");
            }
            else
            {
                stages[^1].Instructions.Add(new DockerInstruction(keyword, arguments));
            }
        }

        return new Dockerfile(stages.Select(stage => new DockerStage(stage.Image, stage.Name, stage.Instructions)).ToList());
    }

    private static IEnumerable<(string Keyword, string Arguments)> Instructions(string text)
    {
        var pending = "";
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var whole = (pending + line).Trim();
            pending = "";
            if (whole.Length > 0)
            {
                var space = whole.IndexOf(' ', StringComparison.Ordinal);
                yield return space < 0 ? (whole.ToUpperInvariant(), "") : (whole[..space].ToUpperInvariant(), whole[(space + 1)..].Trim());
            }
        }
    }
}

internal sealed record DockerStage(string Image, string? Name, IReadOnlyList<DockerInstruction> Instructions)
{
    public string ImageTag => Image[(Image.LastIndexOf(':') + 1)..];

    public IEnumerable<DockerInstruction> All(string keyword) => Instructions.Where(instruction => instruction.Keyword == keyword);
}

internal sealed record DockerInstruction(string Keyword, string Arguments)
{
    /// <summary>The words of a shell-form instruction, or the items of an exec-form (JSON array) one.</summary>
    public IReadOnlyList<string> Words => Arguments.StartsWith('[')
        ? JsonSerializer.Deserialize<string[]>(Arguments) ?? []
        : Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
