using System.CommandLine;
using Otel.Cli;
using Otel.Cli.Commands;
using Otel.Cli.Output;
using Spectre.Console;

// Every command's human output: fitted to the terminal, or plain when piped (docs/cli.md, Reading tables).
AnsiConsole.Console = CliConsole.ForStandardOutput();
var root = new RootCommand("otel-track: an experiment tracker native to OpenTelemetry (runs as OTLP traces, stored in ClickHouse)");
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(RunsCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(ArtifactsCommand.Create());
root.Subcommands.Add(LineageCommand.Create());
root.Subcommands.Add(StatsCommand.Create());
root.Subcommands.Add(ReproduceCommand.Create());
root.Subcommands.Add(KeysCommand.Create());
root.Subcommands.Add(AuditCommand.Create());
root.Subcommands.Add(WhoAmICommand.Create());
root.Subcommands.Add(ModelsCommand.Create());
root.Subcommands.Add(SchemaCommand.Create());
root.Subcommands.Add(RetentionCommand.Create());
root.Subcommands.Add(DriftCommand.Create());
root.Subcommands.Add(SloCommand.Create());
root.Subcommands.Add(ExperimentsCommand.Create());
root.Subcommands.Add(LeaderboardCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(CompletionCommand.Create());

var configuration = new InvocationConfiguration
{
    // serve drains in-flight data on SIGINT/SIGTERM; give it time before the process is torn down.
    ProcessTerminationTimeout = TimeSpan.FromSeconds(60),
    EnableDefaultExceptionHandler = false,
};
return await CommandRunner.InvokeAsync(root, args, configuration);
