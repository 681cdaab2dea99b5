namespace Otel.Collector.Tests.Production.Drift;

/// <summary>
/// PSI, Jensen–Shannon distance and binned KS computed in C# straight from their definitions, bin by bin, to check the
/// collector's SQL against (docs/drift.md).
/// </summary>
internal static class ReferenceDrift
{
    public static (double Psi, double Js, double Ks) Of(long[] baseline, long[] production, bool categorical)
    {
        Assert.Equal(baseline.Length, production.Length);
        double baselineTotal = baseline.Sum(), productionTotal = production.Sum();
        double psi = 0, divergence = 0, cdfGap = 0, cdfP = 0, cdfQ = 0, variation = 0;
        for (var i = 0; i < baseline.Length; i++)
        {
            var p = baseline[i] / baselineTotal;
            var q = production[i] / productionTotal;
            double pe = Math.Max(p, 1e-4), qe = Math.Max(q, 1e-4);
            psi += (qe - pe) * Math.Log(qe / pe);

            var m = (p + q) / 2;
            divergence += (p > 0 ? 0.5 * p * Math.Log2(p / m) : 0) + (q > 0 ? 0.5 * q * Math.Log2(q / m) : 0);

            cdfP += p;
            cdfQ += q;
            cdfGap = Math.Max(cdfGap, Math.Abs(cdfP - cdfQ));
            variation += Math.Abs(p - q) / 2;
        }

        return (psi, Math.Sqrt(Math.Max(0, divergence)), categorical ? variation : cdfGap);
    }
}
