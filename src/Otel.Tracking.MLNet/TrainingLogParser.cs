using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Otel.Tracking.MLNet;

/// <summary>
/// Reads the messages of <c>MLContext.Log</c> that carry training progress. ML.NET sends per-iteration losses of SDCA and
/// L-BFGS to a progress channel that <c>MLContext</c> does not expose, so only what the log reliably says is parsed:
/// FastTree-family metrics per boosting iteration (with <c>TestFrequency</c> set), SDCA's best iteration and auto-tuned
/// values, and the weights L1 regularization kept in L-BFGS trainers. Everything else is ignored.
/// </summary>
internal static partial class TrainingLogParser
{
    private static readonly char[] Separators = [' ', '\t', '\r', '\n'];

    public static IEnumerable<TrainingLogLine> Parse(string message)
    {
        if (message.StartsWith("numTotalTrees left:", StringComparison.Ordinal))
        {
            yield return new TrainingLogLine.IterationStarted();
            yield break;
        }

        if (BestIteration().Match(message) is { Success: true } best)
        {
            yield return new TrainingLogLine.Metric("train.best_iteration", Number(best.Groups["n"].Value));
            yield break;
        }

        if (SelectedWeights().Match(message) is { Success: true } selected)
        {
            yield return new TrainingLogLine.Metric("train.selected_weights", Number(selected.Groups["n"].Value));
            yield break;
        }

        if (AutoTuning().Match(message) is { Success: true } tuned)
        {
            // "L1Threshold (L1/L2)" is recorded as L1Threshold.
            yield return new TrainingLogLine.AutoTuned(tuned.Groups["name"].Value.Split(' ')[0], tuned.Groups["value"].Value);
            yield break;
        }

        foreach (var token in message.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (IterationMetric().Match(token) is { Success: true } metric)
            {
                yield return new TrainingLogLine.Metric(metric.Groups["set"].Value + "." + SnakeCase(metric.Groups["name"].Value),
                    Number(metric.Groups["value"].Value));
            }
        }
    }

    /// <summary><c>ErrorRate</c> → <c>error_rate</c>, <c>NDCG@3</c> → <c>ndcg_at_3</c>, <c>L1</c> → <c>l1</c>.</summary>
    internal static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '@')
            {
                builder.Append("_at_");
                continue;
            }

            if (char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<set>train|valid|test)\.(?<name>[A-Za-z][A-Za-z0-9@]*)=(?<value>[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)$")]
    private static partial Regex IterationMetric();

    [GeneratedRegex(@"^Using best model from iteration (?<n>\d+)\.?$")]
    private static partial Regex BestIteration();

    [GeneratedRegex(@"^L1 regularization selected (?<n>\d+) of \d+ weights\.?$")]
    private static partial Regex SelectedWeights();

    [GeneratedRegex(@"^Auto-tuning parameters: (?<name>[^=]+?) = (?<value>\S+?)\.?$")]
    private static partial Regex AutoTuning();
}
