using System.Globalization;
using System.Net.Http.Json;

namespace Otel.Cli.Demo.Serving;

/// <summary>
/// Drives the demo's inference service at a steady rate with requests drawn from the training data's distribution
/// (<see cref="SyntheticDataset.Feature"/>). After
/// <see cref="DemoLoadPlan.DriftAfter"/>, one feature is shifted by two of its standard deviations: the data skew of the
/// seeds' F10, for drift to catch.
/// </summary>
internal sealed class DemoLoad(HttpClient service, DemoLoadPlan plan, TimeProvider time)
{
    /// <summary>Requests start in bursts every tick, so rates up to 1,000/s need no sub-millisecond timer.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    /// <summary>At most this many requests wait for an answer at once (slow answers pile up otherwise).</summary>
    private const int MaxInFlight = 256;

    /// <summary>How far the drifting feature moves, in its standard deviations.</summary>
    public const double ShiftInDeviations = 2;

    /// <summary>The column names of the demo's training CSV (<see cref="SyntheticDataset.WriteCsv"/>), which its baseline uses.</summary>
    public static string FeatureName(int index) => "x" + index.ToString(CultureInfo.InvariantCulture);

    public async Task<DemoLoadResult> RunAsync(CancellationToken ct)
    {
        var random = new Random(DemoSweep.Seed);
        var result = new DemoLoadResult();
        using var slots = new SemaphoreSlim(MaxInFlight);
        var inFlight = new List<Task>();
        var start = time.GetTimestamp();
        var due = 0.0;
        using var timer = new PeriodicTimer(Tick, time);
        while (time.GetElapsedTime(start) < plan.Duration && await timer.WaitForNextTickAsync(ct))
        {
            var elapsed = time.GetElapsedTime(start);
            var shifted = plan.DriftAfter is { } after && elapsed >= after;
            due += plan.RequestsPerSecond * Tick.TotalSeconds;
            for (; due >= 1; due--)
            {
                if (!await slots.WaitAsync(0, ct))
                {
                    result.Skipped++;
                    continue;
                }

                inFlight.Add(SendAsync(Features(random, shifted), result, slots, ct));
            }

            inFlight.RemoveAll(task => task.IsCompleted);
        }

        await Task.WhenAll(inFlight);
        return result;
    }

    private double[] Features(Random random, bool shifted)
    {
        var x = new double[plan.Dimensions];
        for (var j = 0; j < x.Length; j++)
        {
            x[j] = SyntheticDataset.Feature(random, j);
        }

        if (shifted && plan.DriftFeature is { } feature)
        {
            x[feature] += ShiftInDeviations * SyntheticDataset.Deviation(feature);
        }

        return x;
    }

    private async Task SendAsync(double[] features, DemoLoadResult result, SemaphoreSlim slots, CancellationToken ct)
    {
        try
        {
            var started = time.GetTimestamp();
            using var response = await service.PostAsJsonAsync("predict", new DemoInferenceService.PredictRequest(features), ct);
            result.Count(response.IsSuccessStatusCode, time.GetElapsedTime(started) >= DemoFaults.SlowDelay);
        }
        catch (HttpRequestException)
        {
            result.Count(succeeded: false, slow: false);
        }
        finally
        {
            slots.Release();
        }
    }
}

/// <summary>How the load runs: for how long, how fast, and which feature drifts when.</summary>
internal sealed record DemoLoadPlan(TimeSpan Duration, double RequestsPerSecond, int Dimensions, TimeSpan? DriftAfter, int? DriftFeature);

/// <summary>What the load saw; counted from several requests at once.</summary>
internal sealed class DemoLoadResult
{
    private long _requests;
    private long _errors;
    private long _slow;

    public long Requests => Interlocked.Read(ref _requests);

    public long Errors => Interlocked.Read(ref _errors);

    public long Slow => Interlocked.Read(ref _slow);

    /// <summary>Requests not sent because <c>MaxInFlight</c> were still waiting (the service is slower than the rate).</summary>
    public long Skipped { get; set; }

    public void Count(bool succeeded, bool slow)
    {
        Interlocked.Increment(ref _requests);
        if (!succeeded)
        {
            Interlocked.Increment(ref _errors);
        }

        if (slow)
        {
            Interlocked.Increment(ref _slow);
        }
    }
}
