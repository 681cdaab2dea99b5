using System.Globalization;
using Microsoft.ML.Data;

namespace Otel.Tracking.MLNet;

/// <summary>
/// Records the result of an ML.NET <c>Evaluate</c> as run metrics with stable names under a prefix (default
/// <c>eval</c>): <c>eval.accuracy</c>, <c>eval.auc</c>, <c>eval.rmse</c>… (the full list is in docs/autolog.md).
/// Evaluate on a validation set with <c>prefix: "val"</c> to keep both.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
    Justification = "The overloads differ in the metrics type they take, never in arity, so no call is ambiguous.")]
public static class EvaluationMetricsExtensions
{
    /// <summary>The default prefix of evaluation metrics.</summary>
    public const string DefaultPrefix = "eval";

    /// <summary>
    /// Binary classification: accuracy, auc, auprc, f1, precision, recall, negative_precision, negative_recall; a
    /// calibrated evaluation adds log_loss, log_loss_reduction and entropy.
    /// </summary>
    public static void LogEvaluation(this MlRun run, BinaryClassificationMetrics metrics, string prefix = DefaultPrefix)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(metrics);
        var log = new PrefixedLog(run, prefix);
        log.Add("accuracy", metrics.Accuracy);
        log.Add("auc", metrics.AreaUnderRocCurve);
        log.Add("auprc", metrics.AreaUnderPrecisionRecallCurve);
        log.Add("f1", metrics.F1Score);
        log.Add("precision", metrics.PositivePrecision);
        log.Add("recall", metrics.PositiveRecall);
        log.Add("negative_precision", metrics.NegativePrecision);
        log.Add("negative_recall", metrics.NegativeRecall);
        if (metrics is CalibratedBinaryClassificationMetrics calibrated)
        {
            log.Add("log_loss", calibrated.LogLoss);
            log.Add("log_loss_reduction", calibrated.LogLossReduction);
            log.Add("entropy", calibrated.Entropy);
        }
    }

    /// <summary>
    /// Multiclass classification: micro_accuracy, macro_accuracy, log_loss, log_loss_reduction, top_k_accuracy (when
    /// evaluated with a top K), and log_loss.class_&lt;i&gt; per class.
    /// </summary>
    public static void LogEvaluation(this MlRun run, MulticlassClassificationMetrics metrics, string prefix = DefaultPrefix)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(metrics);
        var log = new PrefixedLog(run, prefix);
        log.Add("micro_accuracy", metrics.MicroAccuracy);
        log.Add("macro_accuracy", metrics.MacroAccuracy);
        log.Add("log_loss", metrics.LogLoss);
        log.Add("log_loss_reduction", metrics.LogLossReduction);
        if (metrics.TopKPredictionCount > 0)
        {
            log.Add("top_k_accuracy", metrics.TopKAccuracy);
        }

        for (var i = 0; i < metrics.PerClassLogLoss.Count; i++)
        {
            log.Add("log_loss.class_" + i.ToString(CultureInfo.InvariantCulture), metrics.PerClassLogLoss[i]);
        }
    }

    /// <summary>Regression: mae, mse, rmse, r2 and loss (the mean of the loss function).</summary>
    public static void LogEvaluation(this MlRun run, RegressionMetrics metrics, string prefix = DefaultPrefix)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(metrics);
        var log = new PrefixedLog(run, prefix);
        log.Add("mae", metrics.MeanAbsoluteError);
        log.Add("mse", metrics.MeanSquaredError);
        log.Add("rmse", metrics.RootMeanSquaredError);
        log.Add("r2", metrics.RSquared);
        log.Add("loss", metrics.LossFunction);
    }

    /// <summary>Clustering: nmi (when evaluated with labels), average_distance, davies_bouldin_index.</summary>
    public static void LogEvaluation(this MlRun run, ClusteringMetrics metrics, string prefix = DefaultPrefix)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(metrics);
        var log = new PrefixedLog(run, prefix);
        log.Add("nmi", metrics.NormalizedMutualInformation);
        log.Add("average_distance", metrics.AverageDistance);
        log.Add("davies_bouldin_index", metrics.DaviesBouldinIndex);
    }

    /// <summary>Ranking: ndcg_at_&lt;k&gt; and dcg_at_&lt;k&gt; for each truncation level k = 1, 2, ….</summary>
    public static void LogEvaluation(this MlRun run, RankingMetrics metrics, string prefix = DefaultPrefix)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(metrics);
        var log = new PrefixedLog(run, prefix);
        for (var i = 0; i < metrics.NormalizedDiscountedCumulativeGains.Count; i++)
        {
            log.Add("ndcg_at_" + (i + 1).ToString(CultureInfo.InvariantCulture), metrics.NormalizedDiscountedCumulativeGains[i]);
        }

        for (var i = 0; i < metrics.DiscountedCumulativeGains.Count; i++)
        {
            log.Add("dcg_at_" + (i + 1).ToString(CultureInfo.InvariantCulture), metrics.DiscountedCumulativeGains[i]);
        }
    }

    /// <summary>One point per metric at step 0: an evaluation is a single result, not a curve.</summary>
    private readonly struct PrefixedLog
    {
        private readonly MlRun _run;
        private readonly string _prefix;

        public PrefixedLog(MlRun run, string prefix)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
            _run = run;
            _prefix = prefix.TrimEnd('.') + ".";
        }

        public void Add(string name, double value) => _run.LogMetric(_prefix + name, value, step: 0);
    }
}
