using System.Collections;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.ObjectStorage.S3;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Plugins.ObjectStorage.Partitioners;

/// <summary>
/// Where a record goes inside its topic's directory, as Confluent's storage-common <c>Partitioner</c>: the encoded
/// partition (<c>partition=3</c>, <c>region=eu</c>, <c>year=2026/month=12</c>) and the directory it makes.
/// </summary>
internal abstract class Partitioner(string directoryDelim)
{
    private const string Package = "io.confluent.connect.storage.partitioner.";
    public const string DefaultClass = Package + "DefaultPartitioner";
    public const string FieldClass = Package + "FieldPartitioner";
    public const string TimeBasedClass = Package + "TimeBasedPartitioner";
    public const string HourlyClass = Package + "HourlyPartitioner";
    public const string DailyClass = Package + "DailyPartitioner";

    public static IReadOnlyList<string> Supported { get; } = [DefaultClass, FieldClass, TimeBasedClass, HourlyClass, DailyClass];

    protected string DirectoryDelim { get; } = directoryDelim;

    /// <summary>The time extractor of a time-based partitioner, which rotate.interval.ms also reads; null for the others.</summary>
    public virtual TimestampExtractor? Extractor => null;

    public static void EnsureSupported(string name, object? value)
    {
        if (value is not string className || !Supported.Contains(className))
        {
            throw new ConfigException(name, value, "not a supported partitioner; one of " + string.Join(", ", Supported));
        }
    }

    public static Partitioner Create(S3SinkConnectorConfig config)
    {
        var delim = config.GetString(S3SinkConnectorConfig.DirectoryDelimConfig)!;
        return config.GetString(S3SinkConnectorConfig.PartitionerClassConfig) switch
        {
            FieldClass => new FieldPartitioner(delim, config.GetList(S3SinkConnectorConfig.PartitionFieldNameConfig)),
            TimeBasedClass => TimeBasedPartitioner.Create(config, config.GetLong(S3SinkConnectorConfig.PartitionDurationMsConfig), config.GetString(S3SinkConnectorConfig.PathFormatConfig)!),
            HourlyClass => TimeBasedPartitioner.Create(config, TimeSpan.FromHours(1).Ticks / TimeSpan.TicksPerMillisecond, $"'year'=YYYY{delim}'month'=MM{delim}'day'=dd{delim}'hour'=HH"),
            DailyClass => TimeBasedPartitioner.Create(config, TimeSpan.FromDays(1).Ticks / TimeSpan.TicksPerMillisecond, $"'year'=YYYY{delim}'month'=MM{delim}'day'=dd"),
            _ => new DefaultPartitioner(delim),
        };
    }

    /// <summary>The encoded partition of a record.</summary>
    /// <param name="record">The record.</param>
    /// <param name="timestamp">The record's time from <see cref="Extractor"/>, for a time-based partitioner; null for the others.</param>
    /// <exception cref="DataException">The record has no value to partition by.</exception>
    public abstract string Encode(SinkRecord record, long? timestamp);

    /// <summary>The directory of an encoded partition under <c>topics.dir</c>: <c>{topic}/{encoded}</c>.</summary>
    public string PartitionedPath(string topic, string encodedPartition) => topic + DirectoryDelim + encodedPartition;

    /// <summary>A field of a struct or a map (a schemaless value), a dotted name reaching into nested ones; false when absent.</summary>
    internal static bool TryGetNested(object? value, Schema? schema, string path, out object? result, out Schema? resultSchema)
    {
        result = value;
        resultSchema = schema;
        foreach (var name in path.Split('.'))
        {
            switch (result)
            {
                case Struct s when s.Schema.Field(name) is { } field:
                    result = s.Get(field);
                    resultSchema = field.Schema;
                    break;
                case IDictionary map when map.Contains(name):
                    result = map[name];
                    resultSchema = null;
                    break;
                default:
                    result = null;
                    resultSchema = null;
                    return false;
            }
        }

        return true;
    }
}
