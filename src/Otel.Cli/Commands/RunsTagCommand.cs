using System.CommandLine;
using System.Text.Json;
using Otel.Cli.Client;
using Otel.Tracking.Query;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track runs tag RUN key=value… [--delete key]… [--json]</c>: set and remove tags after the fact.</summary>
internal static class RunsTagCommand
{
    public static Command Create()
    {
        var pairs = new Argument<string[]>("KEY=VALUE") { Description = "Tags to set", Arity = ArgumentArity.ZeroOrMore };
        var delete = new Option<string[]>("--delete") { Description = "A tag key to remove (repeatable)", AllowMultipleArgumentsPerToken = true };
        return RunsChangeCommand.Create("tag", "Set or remove tags of a run", [pairs, delete], RunsChangeCommand.RunArgument(),
            async (client, id, parse, ct) =>
            {
                var set = (parse.GetValue(pairs) ?? []).Select(Parse).ToList();
                var removed = parse.GetValue(delete) ?? [];
                if (set.Count == 0 && removed.Length == 0)
                {
                    throw new CliException("runs tag needs tags to set (key=value) or --delete KEY, e.g. `otel-track runs tag RUN stage=candidate`", ExitCodes.Usage);
                }

                // Each tag is its own audited change; the last answer is the run with all of them.
                JsonElement last = default;
                foreach (var (key, value) in set)
                {
                    last = await client.SendJsonAsync(HttpMethod.Put, ApiPaths.Run(id, "tags/" + Uri.EscapeDataString(key)), new RunTagRequest(value), ct);
                }

                foreach (var key in removed)
                {
                    last = await client.SendJsonAsync(HttpMethod.Delete, ApiPaths.Run(id, "tags/" + Uri.EscapeDataString(key)), null, ct);
                }

                return last;
            });
    }

    private static (string Key, string Value) Parse(string pair)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        return equals > 0
            ? (pair[..equals], pair[(equals + 1)..])
            : throw new CliException($"'{pair}' is not key=value: write a tag as stage=candidate (remove one with --delete stage)", ExitCodes.Usage);
    }
}
