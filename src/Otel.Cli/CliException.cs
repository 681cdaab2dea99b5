namespace Otel.Cli;

/// <summary>A failure the user can act on: its message is the one line printed on stderr.</summary>
internal sealed class CliException(string message, int exitCode = ExitCodes.Failure, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}
