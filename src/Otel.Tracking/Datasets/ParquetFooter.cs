using System.Buffers.Binary;
using static Otel.Tracking.Datasets.ThriftCompactReader;

namespace Otel.Tracking.Datasets;

/// <summary>
/// Row count and columns of a Parquet file from its footer alone: <c>PAR1</c>, data, the Thrift-compact
/// FileMetaData, its 4-byte little-endian length, <c>PAR1</c>. Only <c>num_rows</c> (field 3) and the schema
/// (field 2) are decoded; the row groups are never read.
/// </summary>
internal static class ParquetFooter
{
    /// <summary>A footer above this is refused rather than buffered (real ones are kilobytes to a few megabytes).</summary>
    public const int MaxFooterBytes = 64 << 20;

    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    /// <summary>Reads from the stream's current position (the file's start) to its end; restores nothing.</summary>
    /// <exception cref="InvalidDataException">Not a Parquet file, or its footer is damaged or encrypted.</exception>
    public static (long Rows, IReadOnlyList<DatasetColumn> Columns) Read(Stream stream)
    {
        var start = stream.Position;
        var length = stream.Length - start;
        if (length < 12)
        {
            throw new InvalidDataException("too short to be a Parquet file");
        }

        Span<byte> head = stackalloc byte[4];
        stream.ReadExactly(head);
        Span<byte> tail = stackalloc byte[8];
        stream.Position = start + length - 8;
        stream.ReadExactly(tail);
        if (!head.SequenceEqual(Magic) || !tail[4..].SequenceEqual(Magic))
        {
            throw new InvalidDataException(tail[4..].SequenceEqual("PARE"u8)
                ? "the Parquet footer is encrypted"
                : "no PAR1 magic: not a Parquet file");
        }

        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (footerLength <= 0 || footerLength > length - 12 || footerLength > MaxFooterBytes)
        {
            throw new InvalidDataException($"implausible footer length {footerLength}");
        }

        var footer = new byte[footerLength];
        stream.Position = start + length - 8 - footerLength;
        stream.ReadExactly(footer);
        return ReadFileMetaData(new ThriftCompactReader(footer));
    }

    private static (long Rows, IReadOnlyList<DatasetColumn> Columns) ReadFileMetaData(ThriftCompactReader reader)
    {
        List<SchemaElement>? schema = null;
        long? rows = null;
        short lastId = 0;
        while (schema is null || rows is null)
        {
            var (type, id) = reader.ReadFieldHeader(ref lastId);
            if (type == Stop)
            {
                break;
            }

            if (id == 2 && type == List)
            {
                schema = ReadSchema(reader);
            }
            else if (id == 3 && type == I64)
            {
                rows = reader.ReadI64();
            }
            else
            {
                reader.Skip(type);
            }
        }

        if (schema is null || rows is null)
        {
            throw new InvalidDataException("Parquet footer is malformed: no schema or no num_rows");
        }

        return (rows.Value, ParquetSchema.Columns(schema));
    }

    private static List<SchemaElement> ReadSchema(ThriftCompactReader reader)
    {
        var (elementType, count) = reader.ReadListHeader();
        if (elementType != Struct)
        {
            throw new InvalidDataException("Parquet footer is malformed: schema is not a list of structs");
        }

        var elements = new List<SchemaElement>(count);
        for (var i = 0; i < count; i++)
        {
            elements.Add(ReadSchemaElement(reader));
        }

        return elements;
    }

    private static SchemaElement ReadSchemaElement(ThriftCompactReader reader)
    {
        var element = new SchemaElement();
        short lastId = 0;
        while (reader.ReadFieldHeader(ref lastId) is (not Stop, _) field)
        {
            switch (field.Id, field.Type)
            {
                case (1, I32): element.PhysicalType = reader.ReadI32(); break;
                case (2, I32): element.TypeLength = reader.ReadI32(); break;
                case (4, Binary): element.Name = reader.ReadString(); break;
                case (5, I32): element.NumChildren = reader.ReadI32(); break;
                case (6, I32): element.ConvertedType = reader.ReadI32(); break;
                case (7, I32): element.Scale = reader.ReadI32(); break;
                case (8, I32): element.Precision = reader.ReadI32(); break;
                case (10, Struct): element.LogicalType = ReadLogicalType(reader); break;
                default: reader.Skip(field.Type); break;
            }
        }

        return element;
    }

    /// <summary>LogicalType is a union: exactly one field, whose id names the type, holding a struct of parameters.</summary>
    private static string? ReadLogicalType(ThriftCompactReader reader)
    {
        string? name = null;
        short lastId = 0;
        while (reader.ReadFieldHeader(ref lastId) is (not Stop, _) field)
        {
            if (field.Type != Struct)
            {
                reader.Skip(field.Type);
                continue;
            }

            name = field.Id switch
            {
                5 => ReadDecimal(reader),
                7 => ReadTemporal(reader, "time"),
                8 => ReadTemporal(reader, "timestamp"),
                10 => ReadInteger(reader),
                _ => SkipThen(reader, ParquetSchema.SimpleLogicalType(field.Id)),
            };
        }

        return name;
    }

    private static string ReadDecimal(ThriftCompactReader reader)
    {
        int scale = 0, precision = 0;
        short lastId = 0;
        while (reader.ReadFieldHeader(ref lastId) is (not Stop, _) field)
        {
            switch (field.Id, field.Type)
            {
                case (1, I32): scale = reader.ReadI32(); break;
                case (2, I32): precision = reader.ReadI32(); break;
                default: reader.Skip(field.Type); break;
            }
        }

        return ParquetSchema.Decimal(precision, scale);
    }

    private static string ReadTemporal(ThriftCompactReader reader, string kind)
    {
        var utc = false;
        var unit = "";
        short lastId = 0;
        while (reader.ReadFieldHeader(ref lastId) is (not Stop, _) field)
        {
            switch (field.Id, field.Type)
            {
                case (1, BoolTrue or BoolFalse): utc = FieldBool(field.Type); break;
                case (2, Struct): unit = ReadTimeUnit(reader); break;
                default: reader.Skip(field.Type); break;
            }
        }

        return utc ? $"{kind}({unit},utc)" : $"{kind}({unit})";
    }

    private static string ReadTimeUnit(ThriftCompactReader reader)
    {
        var unit = "";
        short lastId = 0;
        while (reader.ReadFieldHeader(ref lastId) is (not Stop, _) field)
        {
            unit = field.Id switch { 1 => "ms", 2 => "us", 3 => "ns", _ => unit };
            reader.Skip(field.Type);
        }

        return unit;
    }

    private static string ReadInteger(ThriftCompactReader reader)
    {
        var bits = 0;
        var signed = true;
        short lastId = 0;
        while (reader.ReadFieldHeader(ref lastId) is (not Stop, _) field)
        {
            switch (field.Id, field.Type)
            {
                case (1, ThriftCompactReader.Byte): bits = reader.ReadByte(); break;
                case (2, BoolTrue or BoolFalse): signed = FieldBool(field.Type); break;
                default: reader.Skip(field.Type); break;
            }
        }

        return (signed ? "int" : "uint") + bits.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string? SkipThen(ThriftCompactReader reader, string? name)
    {
        reader.Skip(Struct);
        return name;
    }
}
