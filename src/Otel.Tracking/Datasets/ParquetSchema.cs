using System.Globalization;

namespace Otel.Tracking.Datasets;

/// <summary>One element of Parquet's flattened schema tree (depth-first; groups say how many children follow).</summary>
internal sealed class SchemaElement
{
    public string Name { get; set; } = "";
    public int? PhysicalType { get; set; }
    public int TypeLength { get; set; }
    public int NumChildren { get; set; }
    public int? ConvertedType { get; set; }
    public int Scale { get; set; }
    public int Precision { get; set; }
    public string? LogicalType { get; set; }
}

/// <summary>Parquet schema elements → leaf columns named by dotted path, typed logical-first.</summary>
internal static class ParquetSchema
{
    private const int MaxDepth = 64;

    public static IReadOnlyList<DatasetColumn> Columns(List<SchemaElement> elements)
    {
        var columns = new List<DatasetColumn>();
        if (elements.Count == 0)
        {
            return columns;
        }

        // Element 0 is the root (the message); its children are the top-level columns.
        var next = 1;
        for (var i = 0; i < elements[0].NumChildren; i++)
        {
            Walk(elements, ref next, "", columns, depth: 0);
        }

        return columns;
    }

    internal static string Decimal(int precision, int scale) =>
        string.Create(CultureInfo.InvariantCulture, $"decimal({precision},{scale})");

    /// <summary>LogicalType union members without parameters, by field id.</summary>
    internal static string? SimpleLogicalType(short id) => id switch
    {
        1 => "string",
        2 => "map",
        3 => "list",
        4 => "enum",
        6 => "date",
        11 => "null",
        12 => "json",
        13 => "bson",
        14 => "uuid",
        15 => "float16",
        16 => "variant",
        17 => "geometry",
        18 => "geography",
        _ => null,
    };

    private static void Walk(List<SchemaElement> elements, ref int next, string prefix, List<DatasetColumn> columns, int depth)
    {
        if (next >= elements.Count || depth > MaxDepth)
        {
            throw new InvalidDataException("Parquet footer is malformed: the schema tree does not match its element count");
        }

        var element = elements[next++];
        var path = prefix.Length == 0 ? element.Name : prefix + "." + element.Name;
        if (element.NumChildren > 0)
        {
            for (var i = 0; i < element.NumChildren; i++)
            {
                Walk(elements, ref next, path, columns, depth + 1);
            }

            return;
        }

        columns.Add(new DatasetColumn(path, TypeName(element)));
    }

    private static string TypeName(SchemaElement element) =>
        element.LogicalType ?? ConvertedTypeName(element) ?? PhysicalTypeName(element);

    /// <summary>The legacy ConvertedType enum, for files written before LogicalType existed.</summary>
    private static string? ConvertedTypeName(SchemaElement element) => element.ConvertedType switch
    {
        0 => "string",
        4 => "enum",
        5 => Decimal(element.Precision, element.Scale),
        6 => "date",
        7 => "time(ms,utc)",
        8 => "time(us,utc)",
        9 => "timestamp(ms,utc)",
        10 => "timestamp(us,utc)",
        11 => "uint8",
        12 => "uint16",
        13 => "uint32",
        14 => "uint64",
        15 => "int8",
        16 => "int16",
        17 => "int32",
        18 => "int64",
        19 => "json",
        20 => "bson",
        21 => "interval",
        _ => null,
    };

    private static string PhysicalTypeName(SchemaElement element) => element.PhysicalType switch
    {
        0 => "bool",
        1 => "int32",
        2 => "int64",
        3 => "int96",
        4 => "float",
        5 => "double",
        6 => "binary",
        7 => string.Create(CultureInfo.InvariantCulture, $"fixed_len_byte_array({element.TypeLength})"),
        _ => "unknown",
    };
}
