using Otel.Tracking.Artifacts;
using Otel.Tracking.Baselines;

namespace Otel.Tracking.Datasets;

/// <summary>
/// Digest, size and, for CSV/TSV/Parquet, rows and columns of a dataset file, directory or stream. Each file is read
/// once (CSV is scanned as it is hashed; Parquet adds only a footer read). A file whose rows cannot be read still
/// gets its digest: the problem callback hears why, and rows and schema stay unknown. With a
/// <see cref="DatasetSampler"/>, the rows of CSV, TSV and Parquet files are also sampled for a baseline.
/// </summary>
internal static class DatasetInspector
{
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>.</exception>
    public static DatasetInfo FromPath(string path, string? name, string context, Action<string> problem, DatasetSampler? sampler = null)
    {
        var source = LocalFiles.Resolve(path);
        var shapes = new List<Shape?>();
        var hashed = new List<(string RelativePath, string Sha256)>();
        long size = 0;
        foreach (var file in source.Files)
        {
            var isData = !source.IsDirectory || DataFile(file.RelativePath);
            var format = isData ? FormatOf(file.RelativePath) : null;
            using var stream = Sha256Digest.OpenRead(file.FullPath);
            var (sha256, bytes, shape) = Inspect(stream, format, file.RelativePath, problem, isData ? sampler : null);
            hashed.Add((file.RelativePath, sha256));
            size += bytes;
            if (isData)
            {
                shapes.Add(shape);
            }
        }

        var digest = source.IsDirectory ? Sha256Digest.DirectoryDigest(hashed) : hashed[0].Sha256;
        var formats = source.Files.Where(f => !source.IsDirectory || DataFile(f.RelativePath)).Select(f => FormatOf(f.RelativePath)).Distinct().ToList();
        var single = formats.Count == 1 ? formats[0] : null;
        var (rows, columns) = Combine(shapes);
        return new DatasetInfo(name ?? source.Name, digest, source.SourceUri, context, size, single, rows, columns);
    }

    public static DatasetInfo FromStream(Stream stream, string name, string context, Uri? uri, Action<string> problem, DatasetSampler? sampler = null)
    {
        var format = FormatOf(name);
        var (digest, size, shape) = Inspect(stream, format, name, problem, sampler);
        return new DatasetInfo(name, digest, uri, context, size, format, shape?.Rows, shape?.Columns);
    }

    /// <summary><c>csv</c>, <c>tsv</c>, <c>parquet</c>, or the lowercase extension; null without one.</summary>
    internal static string? FormatOf(string fileName)
    {
        var extension = Path.GetExtension(fileName);
        return extension.Length > 1 ? extension[1..].ToLowerInvariant() : null;
    }

    /// <summary>Hidden and bookkeeping files (<c>.crc</c>, <c>_SUCCESS</c>, as Spark and Hive write) count in the digest, not as data.</summary>
    private static bool DataFile(string relativePath)
    {
        var name = Path.GetFileName(relativePath);
        return !name.StartsWith('.') && !name.StartsWith('_');
    }

    private static (string Sha256, long Size, Shape? Shape) Inspect(Stream stream, string? format, string label, Action<string> problem, DatasetSampler? sampler)
    {
        var start = stream.CanSeek ? stream.Position : 0;
        CsvScanner? csv = format switch
        {
            "csv" => new CsvScanner(',', sampler?.CsvFile()),
            "tsv" => new CsvScanner('\t', sampler?.CsvFile()),
            _ => null,
        };
        var (sha256, size) = Sha256Digest.Compute(stream, csv is null ? null : csv.Append);
        if (csv is not null)
        {
            var (rows, columns) = csv.Complete();
            return (sha256, size, new Shape(rows, columns));
        }

        if (format != "parquet")
        {
            sampler?.Unreadable($"{label} is not CSV, TSV or Parquet");
            return (sha256, size, null);
        }

        if (!stream.CanSeek)
        {
            problem($"{label}: the Parquet footer cannot be read from a stream that cannot seek");
            sampler?.Unreadable($"{label}: a Parquet stream that cannot seek cannot be read again");
            return (sha256, size, null);
        }

        try
        {
            stream.Position = start;
            var (rows, columns) = ParquetFooter.Read(stream);
            if (sampler is not null)
            {
                stream.Position = start;
                sampler.ParquetFile(stream);
            }

            return (sha256, size, new Shape(rows, columns));
        }
        catch (InvalidDataException e)
        {
            problem($"{label}: {e.Message}");
            sampler?.Unreadable($"{label}: {e.Message}");
            return (sha256, size, null);
        }
    }

    /// <summary>Rows add up over the data files; columns only when every file has the same ones.</summary>
    private static (long? Rows, IReadOnlyList<DatasetColumn>? Columns) Combine(List<Shape?> shapes)
    {
        if (shapes.Count == 0 || shapes.Any(s => s is null))
        {
            return (null, null);
        }

        var first = shapes[0]!.Columns;
        var same = shapes.All(s => s!.Columns.SequenceEqual(first));
        return (shapes.Sum(s => s!.Rows), same ? first : null);
    }

    private sealed record Shape(long Rows, IReadOnlyList<DatasetColumn> Columns);
}
