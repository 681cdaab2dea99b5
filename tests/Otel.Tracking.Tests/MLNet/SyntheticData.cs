using Microsoft.ML;

namespace Otel.Tracking.Tests.MLNet;

/// <summary>Small seeded datasets for real ML.NET training in well under a second.</summary>
internal static class SyntheticData
{
    public static IDataView Binary(MLContext mlContext, int rows = 400)
    {
        var random = new Random(7);
        var data = Enumerable.Range(0, rows).Select(_ =>
        {
            var a = (float)random.NextDouble();
            var b = (float)random.NextDouble();
            return new BinaryRow { A = a, B = b, Label = a + b + (0.2 * random.NextDouble()) > 1.1, Value = (2 * a) - b + (0.05f * (float)random.NextDouble()) };
        }).ToList();
        return mlContext.Data.LoadFromEnumerable(data);
    }

    public static IDataView Multiclass(MLContext mlContext, int rows = 300)
    {
        var random = new Random(11);
        var data = Enumerable.Range(0, rows).Select(i =>
        {
            var cls = i % 3;
            return new MulticlassRow { A = cls + (float)random.NextDouble(), B = (2 - cls) + (float)random.NextDouble(), Label = "c" + cls };
        }).ToList();
        return mlContext.Data.LoadFromEnumerable(data);
    }

    internal sealed class BinaryRow
    {
        public float A { get; set; }

        public float B { get; set; }

        public bool Label { get; set; }

        public float Value { get; set; }
    }

    internal sealed class MulticlassRow
    {
        public float A { get; set; }

        public float B { get; set; }

        public string Label { get; set; } = string.Empty;
    }
}
