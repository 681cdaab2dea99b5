using System.CommandLine;
using System.CommandLine.Parsing;

namespace Otel.Cli;

/// <summary>
/// The one line a command line that does not parse gets: an unknown command or option is named, with the nearest
/// known one ("did you mean"); any other problem keeps the parser's own message and names the help to read.
/// </summary>
internal static class UsageErrors
{
    /// <summary>
    /// A group command (such as <c>runs</c>) given alone: nothing is wrong, the user wants to see what it offers. Not when
    /// an option that answers by itself (<c>--version</c>, <c>--help</c>) was given: that option's answer is wanted.
    /// </summary>
    public static bool IsBareGroup(ParseResult parsed) =>
        parsed.CommandResult.Command is { Action: null, Subcommands.Count: > 0 } && parsed.UnmatchedTokens.Count == 0 && !AnswersItself(parsed);

    /// <summary>
    /// <c>--version</c> or <c>--help</c>: their actions answer whatever else the line lacks (the root command alone has no
    /// action, a parse error that must not hide the version).
    /// </summary>
    public static bool AnswersItself(ParseResult parsed) => parsed.Action is { ClearsParseErrors: true };

    public static IEnumerable<string> Describe(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var path = CommandPath(parsed.CommandResult);
        if (parsed.UnmatchedTokens.Count == 0)
        {
            return parsed.Errors.Select(e => e.Message).Append($"Run `{Join(path, "--help")}` for usage.");
        }

        var token = parsed.UnmatchedTokens[0];
        if (token.StartsWith('-'))
        {
            var option = token.Split('=', 2)[0];
            var known = OptionsInScope(parsed.CommandResult).SelectMany(o => o.Aliases.Prepend(o.Name));
            return [Suggestions.Closest(option, known) is { } near
                ? $"unknown option '{option}'. Did you mean '{near}'?"
                : $"unknown option '{option}'. Run `{Join(path, "--help")}` to see its options."];
        }

        if (command.Subcommands.Count > 0)
        {
            var typed = Join(path, token);
            var known = command.Subcommands.Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name));
            return [Suggestions.Closest(token, known) is { } near
                ? $"unknown command '{Trim(typed)}'. Did you mean '{Trim(Join(path, near))}'?"
                : $"unknown command '{Trim(typed)}'. Run `{Join(path, "--help")}` to see the commands."];
        }

        return [$"unexpected argument '{token}' for `{path}`. Run `{Join(path, "--help")}` for usage."];
    }

    /// <summary>The options the command takes: its own, and the recursive ones of the commands above it (such as --help).</summary>
    private static IEnumerable<Option> OptionsInScope(CommandResult result)
    {
        for (SymbolResult? current = result; current is CommandResult command; current = command.Parent)
        {
            foreach (var option in command.Command.Options.Where(o => !o.Hidden && (current == result || o.Recursive)))
            {
                yield return option;
            }
        }
    }

    /// <summary><c>otel-track runs list</c>: the names from the root down to <paramref name="result"/>.</summary>
    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? current = result; current is CommandResult command; current = command.Parent)
        {
            names.Insert(0, command.Command.Name);
        }

        // The root command is named after the executable (otel-track.dll under dotnet); users type otel-track.
        names[0] = "otel-track";
        return string.Join(' ', names);
    }

    private static string Join(string path, string next) => path + " " + next;

    /// <summary>A command as the user would type it after <c>otel-track</c>, e.g. <c>runs list</c>.</summary>
    private static string Trim(string typed) => typed["otel-track ".Length..];
}
