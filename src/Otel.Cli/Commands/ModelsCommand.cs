using System.CommandLine;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track models …</c>: the model registry (docs/registry.md).</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var models = new Command("models", "Register model versions from runs, move aliases, read their history, resolve models:/ URIs");
        models.Subcommands.Add(ModelsRegisterCommand.Create());
        models.Subcommands.Add(ModelsAliasCommand.Create());
        models.Subcommands.Add(ModelsListCommand.Create());
        models.Subcommands.Add(ModelsShowCommand.Create());
        models.Subcommands.Add(ModelsHistoryCommand.Create());
        models.Subcommands.Add(ModelsResolveCommand.Create());
        models.Subcommands.Add(ModelsApproveCommand.Create());
        models.Subcommands.Add(ModelsRejectCommand.Create());
        models.Subcommands.Add(ModelsUpdateCommand.Create());
        models.Subcommands.Add(ModelsGateCommand.Create());
        models.Subcommands.Add(ModelsPromoteCommand.Create());
        models.Subcommands.Add(ModelsDeployCommand.Create());
        models.Subcommands.Add(ModelsBaselineCommand.Create());
        models.Subcommands.Add(ModelsDeploymentsCommand.Create());
        return models;
    }

    /// <summary>The model-name argument every subcommand starts with.</summary>
    public static Argument<string> Name() => new("NAME") { Description = "Model name, e.g. churn-classifier" };

    /// <summary>The version-number argument of the commands on one version.</summary>
    public static Argument<long> Version() => new("VERSION") { Description = "The version number (1, 2, …)" };
}
