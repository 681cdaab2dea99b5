using System.Runtime.InteropServices;
using Otel.Tracking.Diagnostics;
using static Otel.Tracking.MlSemanticConventions;

namespace Otel.Tracking.EnvironmentCapture;

/// <summary>The process: runtime, command line (secrets redacted), executable, user, directory and packages.</summary>
internal static class ProcessDetector
{
    public static ResourceAttributes Detect()
    {
        var attributes = new ResourceAttributes();
        attributes.Add(ProcessRuntimeName, ".NET");
        attributes.Add(ProcessRuntimeVersion, System.Environment.Version.ToString());
        attributes.Add(ProcessRuntimeDescription, RuntimeInformation.FrameworkDescription);
        var arguments = CommandLineArguments();
        attributes.Add(ProcessCommandArgs, [.. CommandLineRedaction.Redact(arguments)]);
        attributes.Add(ProcessCommandLine, CommandLineRedaction.Join(arguments));
        attributes.Add(ProcessExecutablePath, System.Environment.ProcessPath);
        attributes.Add(ProcessPid, System.Environment.ProcessId);
        attributes.Add(ProcessOwner, System.Environment.UserName);
        attributes.Add(ProcessWorkingDirectory, CurrentDirectory());
        try
        {
            attributes.Add(ProcessPackages, DepsJsonPackages.ReadForEntryAssembly());
        }
        catch (Exception exception)
        {
            TrackingEventSource.Log.CaptureFailed("deps.json", exception);
        }

        return attributes;
    }

    private static string? CurrentDirectory()
    {
        try
        {
            return System.Environment.CurrentDirectory;
        }
        catch (IOException)
        {
            // The working directory was deleted under the process.
            return null;
        }
    }

    /// <summary>
    /// What was typed: .NET reports the app's .dll as the first argument, so that becomes the apphost when the app
    /// ran through one, and follows the <c>dotnet</c> host when it ran as <c>dotnet app.dll</c>.
    /// </summary>
    private static List<string> CommandLineArguments()
    {
        var arguments = new List<string>(System.Environment.GetCommandLineArgs());
        var host = System.Environment.ProcessPath;
        if (host is null || arguments.Count == 0 || !arguments[0].EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            return arguments;
        }

        if (string.Equals(Path.GetFileNameWithoutExtension(host), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            arguments.Insert(0, host);
        }
        else
        {
            arguments[0] = host;
        }

        return arguments;
    }
}
