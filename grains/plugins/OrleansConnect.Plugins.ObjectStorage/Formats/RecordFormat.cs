using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.ObjectStorage.S3;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Plugins.ObjectStorage.Formats;

/// <summary>How records become the bytes of an object (<c>format.class</c>, Confluent's class names), one after the other.</summary>
internal abstract class RecordFormat
{
    public const string JsonClass = "io.confluent.connect.s3.format.json.JsonFormat";
    public const string ByteArrayClass = "io.confluent.connect.s3.format.bytearray.ByteArrayFormat";
    public const string AvroClass = "io.confluent.connect.s3.format.avro.AvroFormat";
    public const string ParquetClass = "io.confluent.connect.s3.format.parquet.ParquetFormat";

    public static IReadOnlyList<string> Supported { get; } = [JsonClass, ByteArrayClass, ParquetClass];

    /// <summary>The object name's extension, with its dot (and <c>.gz</c> when compressed).</summary>
    public abstract string Extension { get; }

    public static void EnsureSupported(string name, object? value)
    {
        if (value is AvroClass)
        {
            throw new ConfigException(name, value, "not supported yet by this S3 sink; use " + string.Join(" or ", Supported) + " (see docs/reference/object-storage.md)");
        }

        if (value is not string className || !Supported.Contains(className))
        {
            throw new ConfigException(name, value, "not a supported format; one of " + string.Join(", ", Supported));
        }
    }

    public static RecordFormat Create(S3SinkConnectorConfig config)
    {
        var compression = config.Gzip ? ".gz" : string.Empty;
        return config.GetString(S3SinkConnectorConfig.FormatClassConfig) switch
        {
            ParquetClass => new ParquetFormat(config.GetString(S3SinkConnectorConfig.ParquetCodecConfig)!.ToLowerInvariant()),
            ByteArrayClass => new ByteArrayFormat(config.GetString(S3SinkConnectorConfig.ByteArrayExtensionConfig)! + compression, config.GetString(S3SinkConnectorConfig.ByteArraySeparatorConfig)!),
            _ => new JsonFormat(".json" + compression, config.GetString(S3SinkConnectorConfig.JsonDecimalFormatConfig)!),
        };
    }

    /// <summary>
    /// Whether the format writes a file only whole (columnar formats): <see cref="Write"/> then only checks each record,
    /// the file keeps its records, and <see cref="WriteFileAsync"/> writes them all when the file rotates.
    /// </summary>
    public virtual bool WritesWholeFile => false;

    /// <summary>Writes a whole file of records, for a format that <see cref="WritesWholeFile"/>.</summary>
    public virtual Task WriteFileAsync(Stream output, IReadOnlyList<SinkRecord> records, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} writes record by record.");

    /// <summary>Writes one record to the object's stream (which compresses, when asked).</summary>
    /// <exception cref="Errors.DataException">The record cannot be written in this format.</exception>
    public abstract void Write(Stream output, SinkRecord record);
}
