using System.Globalization;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Sink;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;
using SchemaType = OrleansConnect.Plugins.Data.SchemaType;
using ConnectTimestamp = OrleansConnect.Plugins.Data.Timestamp;
using Schema = OrleansConnect.Plugins.Data.Schema;
using ParquetField = Parquet.Schema.Field;

namespace OrleansConnect.Plugins.ObjectStorage.Formats;

/// <summary>
/// Confluent's <c>ParquetFormat</c> for flat structs, on Parquet.Net: a file's records (all of one value schema: a
/// schema change rotates the file) are written as one row group when the file rotates. Columns follow the struct's
/// fields: int8/int16/int32 as INT32, int64, float, double, boolean, string, bytes, Connect Timestamp (milliseconds,
/// UTC) and Date; optional fields are nullable columns. Nested structs, arrays, maps and the other logical types are
/// not yet, and fail the record naming its field. The extension says the codec, as Confluent's
/// (<c>.snappy.parquet</c>, <c>.gz.parquet</c>, <c>.zstd.parquet</c>, <c>.parquet</c>).
/// </summary>
internal sealed class ParquetFormat(string codec) : RecordFormat
{
    private readonly CompressionMethod _compression = codec switch
    {
        "none" or "uncompressed" => CompressionMethod.None,
        "gzip" => CompressionMethod.Gzip,
        "zstd" => CompressionMethod.Zstd,
        _ => CompressionMethod.Snappy,
    };

    public static IReadOnlyList<string> Codecs { get; } = ["none", "uncompressed", "snappy", "gzip", "zstd"];

    public override string Extension => _compression switch
    {
        CompressionMethod.None => ".parquet",
        CompressionMethod.Gzip => ".gz.parquet",
        CompressionMethod.Zstd => ".zstd.parquet",
        _ => ".snappy.parquet",
    };

    public override bool WritesWholeFile => true;

    /// <summary>Checks that the record can be a row, so that a bad one fails the put that brings it, not a later rotation.</summary>
    public override void Write(Stream output, SinkRecord record) => _ = Schema(record);

    public override async Task WriteFileAsync(Stream output, IReadOnlyList<SinkRecord> records, CancellationToken cancellationToken)
    {
        var connectSchema = records[0].ValueSchema!;
        var schema = Schema(records[0]);
        var rows = records.Select(r => (IDictionary<string, object?>)Row(connectSchema, (Struct)r.Value!)).ToList();
        await ParquetSerializer.SerializeUntypedAsync(rows!, schema, output, new ParquetOptions { CompressionMethod = _compression }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static ParquetSchema Schema(SinkRecord record)
    {
        if (record.ValueSchema is not { Type: SchemaType.Struct } schema || record.Value is not Struct)
        {
            throw new DataException($"ParquetFormat writes struct values with a schema, but {Where(record)} has {record.ValueSchema?.Type.ToString() ?? "no schema"}: use a converter with schemas (JsonConverter with schemas.enable=true, Avro)");
        }

        return new ParquetSchema(schema.Fields.Select(f => Column(record, f)).ToArray());
    }

    private static ParquetField Column(SinkRecord record, Data.Field field)
    {
        var optional = field.Schema.IsOptional;
        return field.Schema.Name switch
        {
            ConnectTimestamp.LogicalName => new DateTimeDataField(field.Name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, DateTimeTimeUnit.Millis, isNullable: optional),
            Date.LogicalName => new DataField(field.Name, typeof(DateOnly), optional),
            { } other when other.StartsWith("org.apache.kafka.connect.data.", StringComparison.Ordinal) =>
                throw new DataException($"ParquetFormat does not write the logical type {other} of field '{field.Name}' of {Where(record)} yet"),
            _ => field.Schema.Type switch
            {
                SchemaType.Int8 or SchemaType.Int16 or SchemaType.Int32 => new DataField(field.Name, typeof(int), optional),
                SchemaType.Int64 => new DataField(field.Name, typeof(long), optional),
                SchemaType.Float32 => new DataField(field.Name, typeof(float), optional),
                SchemaType.Float64 => new DataField(field.Name, typeof(double), optional),
                SchemaType.Boolean => new DataField(field.Name, typeof(bool), optional),
                SchemaType.String => new DataField(field.Name, typeof(string), optional),
                SchemaType.Bytes => new DataField(field.Name, typeof(byte[]), optional),
                var type => throw new DataException($"ParquetFormat does not write {type} field '{field.Name}' of {Where(record)} yet (flat structs only)"),
            },
        };
    }

    private static Dictionary<string, object?> Row(Schema schema, Struct value)
    {
        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in schema.Fields)
        {
            row[field.Name] = value.Get(field) switch
            {
                sbyte v => (int)v,
                short v => (int)v,
                DateTimeOffset v => v.UtcDateTime,

                // Parquet.Net 6 takes binary column values as memory.
                byte[] v => new ReadOnlyMemory<byte>(v),
                DateTime v => v.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : v.ToUniversalTime(),
                var v => v,
            };
        }

        return row;
    }

    private static string Where(SinkRecord record) =>
        $"{record.Topic}-{record.KafkaPartition?.ToString(CultureInfo.InvariantCulture)}@{record.KafkaOffset.ToString(CultureInfo.InvariantCulture)}";
}
