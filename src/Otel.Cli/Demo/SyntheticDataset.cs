namespace Otel.Cli.Demo;

/// <summary>
/// A deterministic binary classification dataset: features from a seeded generator, labels from a
/// hidden linear rule plus label noise, so better hyperparameters really do score better.
/// </summary>
internal sealed class SyntheticDataset
{
    private SyntheticDataset(double[][] features, int[] labels)
    {
        Features = features;
        Labels = labels;
    }

    public double[][] Features { get; }

    public int[] Labels { get; }

    public int Count => Labels.Length;

    public int Dimensions => Features[0].Length;

    public static SyntheticDataset Generate(int samples, int dimensions, double labelNoise, int seed)
    {
        var random = new Random(seed);
        var truth = Enumerable.Range(0, dimensions).Select(_ => random.NextDouble() * 4 - 2).ToArray();
        var features = new double[samples][];
        var labels = new int[samples];
        for (var i = 0; i < samples; i++)
        {
            var x = features[i] = new double[dimensions];
            var score = 0.5;
            for (var j = 0; j < dimensions; j++)
            {
                x[j] = Feature(random, j);
                score += truth[j] * x[j] / (j + 1);
            }

            labels[i] = (score > 0) ^ (random.NextDouble() < labelNoise) ? 1 : 0;
        }

        return new SyntheticDataset(features, labels);
    }

    /// <summary>Splits off the last <paramref name="fraction"/> as a validation set.</summary>
    public (SyntheticDataset Train, SyntheticDataset Validation) Split(double fraction)
    {
        var cut = (int)(Count * (1 - fraction));
        return (new SyntheticDataset(Features[..cut], Labels[..cut]), new SyntheticDataset(Features[cut..], Labels[cut..]));
    }

    /// <summary>Writes the dataset as CSV (features x0…xN, label): the bytes are the same on every run with the same seed.</summary>
    public void WriteCsv(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
        writer.WriteLine(string.Join(',', Enumerable.Range(0, Dimensions).Select(j => $"x{j}")) + ",label");
        for (var i = 0; i < Count; i++)
        {
            writer.WriteLine(string.Join(',', Features[i].Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "," + Labels[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>One draw of feature <paramref name="index"/>: normal, mean 0, standard deviation <see cref="Deviation"/>.</summary>
    public static double Feature(Random random, int index) => Gaussian(random) * Deviation(index);

    public static double Deviation(int index) => index + 1;

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
