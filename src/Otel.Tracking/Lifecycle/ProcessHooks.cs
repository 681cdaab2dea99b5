using System.Runtime.InteropServices;
using Otel.Tracking.Diagnostics;

namespace Otel.Tracking.Lifecycle;

/// <summary>
/// Ends active runs when the process ends: normal exit marks them FINISHED (as MLflow does at exit), an unhandled
/// exception FAILED, SIGINT/SIGTERM KILLED; each then exports before the process goes. Signals are never
/// cancelled, so their default action (terminating the process) proceeds.
/// </summary>
internal static class ProcessHooks
{
    private static readonly Lock Sync = new();
    private static bool s_processHooksInstalled;

    // Kept in fields: a collected registration unregisters its handler.
    private static PosixSignalRegistration? s_sigint;
    private static PosixSignalRegistration? s_sigterm;

    public static void EnsureInstalled(bool handleSignals)
    {
        lock (Sync)
        {
            if (!s_processHooksInstalled)
            {
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Terminate(RunStatus.Finished, null, null, signalOnly: false);
                AppDomain.CurrentDomain.UnhandledException += (_, e) => OnUnhandledException(e.ExceptionObject as Exception);
                s_processHooksInstalled = true;
            }

            if (handleSignals && s_sigint is null)
            {
                try
                {
                    s_sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
                    s_sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
                }
                catch (Exception exception) when (exception is PlatformNotSupportedException or IOException)
                {
                    TrackingEventSource.Log.HookFailed("signals", exception);
                }
            }
        }
    }

    private static void OnSignal(PosixSignalContext context) =>
        Terminate(RunStatus.Killed, $"Run killed by {context.Signal}", null, signalOnly: true);

    private static void OnUnhandledException(Exception? exception) =>
        Terminate(
            RunStatus.Failed,
            exception is null ? "Unhandled exception" : $"Unhandled {exception.GetType().FullName}: {exception.Message}",
            exception,
            signalOnly: false);

    private static void Terminate(RunStatus status, string? description, Exception? exception, bool signalOnly)
    {
        foreach (var tracking in TrackerRegistry.Snapshot())
        {
            if (signalOnly && !tracking.Options.HandleTerminationSignals)
            {
                continue;
            }

            try
            {
                tracking.Terminate(status, description, exception);
            }
            catch (Exception error)
            {
                TrackingEventSource.Log.HookFailed(status.ToString(), error);
            }
        }
    }
}
