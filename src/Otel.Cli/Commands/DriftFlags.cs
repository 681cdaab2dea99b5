using System.CommandLine;
using Otel.Collector.Production.Drift;

namespace Otel.Cli.Commands;

/// <summary>The serve flags of the drift job and of the default drift thresholds (docs/drift.md); checked by the collector's validator.</summary>
internal sealed class DriftFlags
{
    private readonly Option<double> _interval = new("--drift-interval") { Description = "Seconds between two runs of the drift job, which keeps ml_drift for the 15m, 1h and 1d windows", DefaultValueFactory = _ => 60 };
    private readonly Option<double> _warnPsi = new("--drift-warn-psi") { Description = "PSI at or above which drift status is warn", DefaultValueFactory = _ => DriftThresholds.Default.WarnPsi };
    private readonly Option<double> _driftPsi = new("--drift-psi") { Description = "PSI at or above which drift status is drift", DefaultValueFactory = _ => DriftThresholds.Default.DriftPsi };
    private readonly Option<long> _minCount = new("--drift-min-count") { Description = "Production measurements in a window below which drift status is insufficient_data", DefaultValueFactory = _ => DriftThresholds.Default.MinCount };

    public IEnumerable<Option> All => [_interval, _warnPsi, _driftPsi, _minCount];

    public void Apply(ParseResult parse, DriftOptions options)
    {
        var seconds = parse.GetValue(_interval);
        options.Interval = double.IsFinite(seconds) && Math.Abs(seconds) < 1e6 ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;
        options.Thresholds = new DriftThresholds(parse.GetValue(_warnPsi), parse.GetValue(_driftPsi), parse.GetValue(_minCount));
    }
}
