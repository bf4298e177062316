using System.Globalization;
using System.Text.RegularExpressions;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Plugins.ObjectStorage.Partitioners;

/// <summary>
/// Where a time-based partitioner takes a record's time, as Confluent's <c>timestamp.extractor</c>: <c>Wallclock</c>
/// (the sink's clock when it writes the record), <c>Record</c> (the Kafka timestamp) or <c>RecordField</c>
/// (<c>timestamp.field</c> of the value: milliseconds, a numeric or ISO-8601 string, or a Connect Timestamp).
/// </summary>
internal abstract partial class TimestampExtractor
{
    private const string Nested = "io.confluent.connect.storage.partitioner.TimeBasedPartitioner$";

    /// <summary>Whether the time depends on the record only, so that a restart cuts the files at the same records.</summary>
    public abstract bool IsDeterministic { get; }

    public static void EnsureSupported(string name, object? value)
    {
        if (Kind(value as string) is null)
        {
            throw new ConfigException(name, value, "not a supported timestamp extractor; one of Wallclock, Record, RecordField");
        }
    }

    public static TimestampExtractor Create(string className, string timestampField) => Kind(className) switch
    {
        "Record" => new RecordExtractor(),
        "RecordField" => new RecordFieldExtractor(timestampField),
        _ => new WallclockExtractor(),
    };

    /// <summary>Milliseconds since the epoch.</summary>
    /// <exception cref="DataException">The record has no such time.</exception>
    public abstract long Extract(SinkRecord record, long nowMs);

    private static string? Kind(string? className) => className switch
    {
        "Wallclock" or Nested + "WallclockTimestampExtractor" => "Wallclock",
        "Record" or Nested + "RecordTimestampExtractor" => "Record",
        "RecordField" or Nested + "RecordFieldTimestampExtractor" => "RecordField",
        _ => null,
    };

    private static DataException NoTime(SinkRecord record, string extractor, string why) =>
        new($"Unable to determine timestamp using timestamp.extractor {extractor} for record {record.Topic}-{record.KafkaPartition?.ToString(CultureInfo.InvariantCulture)}@{record.KafkaOffset.ToString(CultureInfo.InvariantCulture)}: {why}");

    [GeneratedRegex("^-?[0-9]{1,19}$")]
    private static partial Regex NumericTimestamp();

    private sealed class WallclockExtractor : TimestampExtractor
    {
        public override bool IsDeterministic => false;

        public override long Extract(SinkRecord record, long nowMs) => nowMs;
    }

    private sealed class RecordExtractor : TimestampExtractor
    {
        public override bool IsDeterministic => true;

        public override long Extract(SinkRecord record, long nowMs) =>
            record.Timestamp ?? throw NoTime(record, "Record", "the record has no timestamp");
    }

    private sealed class RecordFieldExtractor(string field) : TimestampExtractor
    {
        public override bool IsDeterministic => true;

        public override long Extract(SinkRecord record, long nowMs)
        {
            if (!Partitioner.TryGetNested(record.Value, record.ValueSchema, field, out var value, out var schema) || value is null)
            {
                throw NoTime(record, "RecordField", $"the value has no field '{field}'");
            }

            if (schema?.Name == Timestamp.LogicalName)
            {
                return Timestamp.FromLogical(schema, value);
            }

            return value switch
            {
                sbyte or short or int or long => Convert.ToInt64(value, CultureInfo.InvariantCulture),
                DateTimeOffset instant => instant.ToUnixTimeMilliseconds(),
                string text when NumericTimestamp().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var millis) => millis,
                string text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) => parsed.ToUnixTimeMilliseconds(),
                _ => throw NoTime(record, "RecordField", $"field '{field}' is a {value.GetType().Name}, not milliseconds, an ISO-8601 string or a Timestamp"),
            };
        }
    }
}
