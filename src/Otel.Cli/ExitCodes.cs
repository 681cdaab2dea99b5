namespace Otel.Cli;

/// <summary>Every exit code of otel-track, in one place.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Something failed that fits no other code.</summary>
    public const int Failure = 1;

    /// <summary>The command line or configuration is invalid.</summary>
    public const int Usage = 2;

    /// <summary>The collector could not be reached.</summary>
    public const int Unreachable = 3;

    /// <summary>A run (or other named thing) does not exist.</summary>
    public const int NotFound = 4;

    /// <summary><c>reproduce --check</c> found differences (or <c>--run</c> refused because of them).</summary>
    public const int Mismatch = 5;

    /// <summary><c>models promote</c> was refused by a gate of the alias: the alias did not move (every verdict is printed).</summary>
    public const int GateRefused = 6;

    /// <summary><c>audit verify</c> found the audit chain broken: an entry edited, deleted, inserted or reordered, or a rewrite against the anchor.</summary>
    public const int AuditBroken = 7;

    /// <summary>Stopped by Ctrl-C (128 + SIGINT, as shells report it): <c>runs watch</c> left while the run was still going.</summary>
    public const int Interrupted = 130;
}
