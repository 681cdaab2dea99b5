namespace Otel.Tracking;

/// <summary>Run helpers: the body's run ends FINISHED, or FAILED when the body throws (the exception is rethrown).</summary>
public sealed partial class MlTracking
{
    /// <summary>Runs <paramref name="body"/> inside a new run.</summary>
    public void Run(RunOptions options, Action<MlRun> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var run = StartRun(options);
        try
        {
            body(run);
        }
        catch (Exception exception)
        {
            run.Fail(exception);
            throw;
        }
    }

    /// <summary>Runs <paramref name="body"/> inside a new run and returns its result.</summary>
    public T Run<T>(RunOptions options, Func<MlRun, T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var run = StartRun(options);
        try
        {
            return body(run);
        }
        catch (Exception exception)
        {
            run.Fail(exception);
            throw;
        }
    }

    /// <summary>Runs <paramref name="body"/> inside a new run.</summary>
    public async Task RunAsync(RunOptions options, Func<MlRun, Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var run = StartRun(options);
        try
        {
            await body(run);
        }
        catch (Exception exception)
        {
            run.Fail(exception);
            throw;
        }
    }

    /// <summary>Runs <paramref name="body"/> inside a new run and returns its result.</summary>
    public async Task<T> RunAsync<T>(RunOptions options, Func<MlRun, Task<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var run = StartRun(options);
        try
        {
            return await body(run);
        }
        catch (Exception exception)
        {
            run.Fail(exception);
            throw;
        }
    }
}
