using OrleansConnect.Plugins.ObjectStorage.S3;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Plugins.ObjectStorage.Partitioners;

/// <summary>
/// Confluent's <c>TimeBasedPartitioner</c> (and its Hourly and Daily shortcuts): the record's time, from
/// <c>timestamp.extractor</c>, rounded down to a multiple of <c>partition.duration.ms</c> in <c>timezone</c>'s local
/// time and written with <c>path.format</c>, a Joda-Time pattern.
/// </summary>
internal sealed class TimeBasedPartitioner : Partitioner
{
    private readonly long _durationMs;
    private readonly JodaPattern _format;
    private readonly TimeZoneInfo _zone;

    private TimeBasedPartitioner(string directoryDelim, long durationMs, JodaPattern format, TimeZoneInfo zone, TimestampExtractor extractor)
        : base(directoryDelim)
    {
        _durationMs = durationMs;
        _format = format;
        _zone = zone;
        Extractor = extractor;
    }

    public override TimestampExtractor Extractor { get; }

    public static TimeBasedPartitioner Create(S3SinkConnectorConfig config, long durationMs, string pathFormat)
    {
        var delim = config.GetString(S3SinkConnectorConfig.DirectoryDelimConfig)!;
        if (pathFormat.EndsWith(delim, StringComparison.Ordinal))
        {
            // As Confluent: a delimiter at the end is the user's, dropped.
            pathFormat = pathFormat[..^delim.Length];
        }

        var culture = S3SinkConnectorConfig.Culture(config.GetString(S3SinkConnectorConfig.LocaleConfig));
        var format = JodaPattern.Parse(S3SinkConnectorConfig.PathFormatConfig, pathFormat, culture);
        var zone = FindTimeZone(config.GetString(S3SinkConnectorConfig.TimezoneConfig)!)!;
        var extractor = TimestampExtractor.Create(config.GetString(S3SinkConnectorConfig.TimestampExtractorConfig)!, config.GetString(S3SinkConnectorConfig.TimestampFieldConfig)!);
        return new TimeBasedPartitioner(delim, durationMs, format, zone, extractor);
    }

    /// <summary>A time zone by its IANA (or Windows) id; null when there is none.</summary>
    public static TimeZoneInfo? FindTimeZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    public override string Encode(SinkRecord record, long? timestamp)
    {
        var millis = timestamp ?? throw new InvalidOperationException("A time-based partitioner is given the record's time.");
        var instant = DateTimeOffset.FromUnixTimeMilliseconds(millis);
        var offset = _zone.GetUtcOffset(instant);
        var local = instant.ToOffset(offset).DateTime;
        var localMillis = (long)(local - DateTime.UnixEpoch).TotalMilliseconds;
        var bucketMillis = Math.Floor((double)localMillis / _durationMs) * _durationMs;
        var bucket = DateTime.UnixEpoch.AddMilliseconds(bucketMillis);
        return _format.Format(bucket, _zone.GetUtcOffset(bucket));
    }
}
