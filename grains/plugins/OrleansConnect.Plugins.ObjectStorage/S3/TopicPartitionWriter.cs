using System.Globalization;
using System.IO.Compression;
using Amazon.S3;
using OrleansConnect.Plugins.ObjectStorage.Formats;
using OrleansConnect.Plugins.ObjectStorage.Partitioners;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Plugins.ObjectStorage.S3;

/// <summary>
/// The open files of one Kafka topic partition, one per encoded partition, rotated as Confluent's
/// <c>TopicPartitionWriter</c> rotates them: all of them together, after <c>flush.size</c> records of the topic
/// partition, before a record whose time is <c>rotate.interval.ms</c> past the first record of the open files (or
/// whose encoded partition differs from the previous one, with <c>rotate.file.on.partition.change</c>), before a
/// record whose value schema differs from its file's, and on <c>rotate.schedule.interval.ms</c> of the wall clock. A file is named after its first record's offset, so the
/// same records rotated at the same places give the same object names: after a restart from the committed offset
/// (just past the last rotation) the files are written again under the names they had, replacing any part written
/// before. <see cref="TakeOffsetToCommit"/> answers the offset past the last record of the last rotation, and only
/// once those objects are all in the bucket.
/// </summary>
internal sealed class TopicPartitionWriter
{
    private readonly TopicPartition _partition;
    private readonly IAmazonS3 _s3;
    private readonly S3SinkConnectorConfig _config;
    private readonly Partitioner _partitioner;
    private readonly RecordFormat _format;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, RecordFile> _files = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly Dictionary<string, Data.Schema?> _schemas = new(StringComparer.Ordinal);
    private readonly int _flushSize;
    private readonly long _rotateIntervalMs;
    private readonly long _rotateScheduleMs;
    private readonly bool _rotateOnPartitionChange;
    private readonly string _zeroPad;
    private readonly CompressionLevel? _gzip;
    private int _recordCount;
    private long? _baseTimestamp;
    private string? _currentEncodedPartition;
    private long _lastOffset = -1;
    private long? _offsetToCommit;
    private long _nextScheduledRotation;

    public TopicPartitionWriter(TopicPartition partition, IAmazonS3 s3, S3SinkConnectorConfig config, Partitioner partitioner, RecordFormat format, TimeProvider time)
    {
        _partition = partition;
        _s3 = s3;
        _config = config;
        _partitioner = partitioner;
        _format = format;
        _time = time;
        _flushSize = config.GetInt(S3SinkConnectorConfig.FlushSizeConfig);

        // As Confluent: rotate.interval.ms needs a time-based partitioner's extractor, and is ignored without one.
        _rotateIntervalMs = partitioner.Extractor is null ? -1 : config.GetLong(S3SinkConnectorConfig.RotateIntervalMsConfig);
        _rotateScheduleMs = config.GetLong(S3SinkConnectorConfig.RotateScheduleIntervalMsConfig);
        _rotateOnPartitionChange = config.GetBoolean(S3SinkConnectorConfig.RotateFileOnPartitionChangeConfig);
        _zeroPad = "D" + config.GetInt(S3SinkConnectorConfig.ZeroPadWidthConfig).ToString(CultureInfo.InvariantCulture);
        _gzip = config.Gzip ? Level(config.GetInt(S3SinkConnectorConfig.CompressionLevelConfig)) : null;
        ScheduleNextRotation();
    }

    /// <summary>The first offset of the open files, where consumption resumes when they are lost; null when none is open.</summary>
    public long? StartOffset => _files.Count == 0 ? null : _files.Values.Min(f => f.StartOffset);

    /// <summary>Writes a record to the file of its encoded partition, rotating before or after it as the rotation keys say.</summary>
    public async Task WriteAsync(SinkRecord record, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var timestamp = _partitioner.Extractor?.Extract(record, now);
        var encoded = _partitioner.Encode(record, timestamp);
        if (RotateOnTime(encoded, timestamp, now) || RotateOnSchemaChange(encoded, record))
        {
            await CommitFilesAsync(cancellationToken).ConfigureAwait(false);
        }

        _schemas.TryAdd(encoded, record.ValueSchema);

        _baseTimestamp ??= timestamp;
        if (!_files.TryGetValue(encoded, out var file))
        {
            var key = ObjectKey(encoded, record.KafkaOffset);
            file = new RecordFile(new S3Object(_s3, _config.Bucket, key, _config.PartSize), _format, record.KafkaOffset, _gzip);
            _files[encoded] = file;
            _order.Add(encoded);
        }

        await file.WriteAsync(record, cancellationToken).ConfigureAwait(false);
        _currentEncodedPartition = encoded;
        _lastOffset = record.KafkaOffset;
        _recordCount++;
        if (_recordCount >= _flushSize)
        {
            await CommitFilesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Rotates on the wall clock when <c>rotate.schedule.interval.ms</c> says so: at each put and before each offset commit.</summary>
    public async Task RotateOnScheduleAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        if (_recordCount == 0 && ScheduledRotationDue(now))
        {
            ScheduleNextRotation();
        }
        else if (_recordCount > 0 && ScheduledRotationDue(now))
        {
            await CommitFilesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The offset to commit (past the last record of the last rotation) once, then null until the next rotation.</summary>
    public long? TakeOffsetToCommit()
    {
        var offset = _offsetToCommit;
        _offsetToCommit = null;
        return offset;
    }

    /// <summary>Drops the open files: their records were not committed, and are consumed again by whoever gets the partition.</summary>
    public async Task AbortAsync()
    {
        foreach (var file in _files.Values)
        {
            await file.AbortAsync().ConfigureAwait(false);
        }

        _files.Clear();
        _order.Clear();
        _schemas.Clear();
    }

    /// <summary>The open files and their records, for tests and logs.</summary>
    internal IReadOnlyCollection<RecordFile> OpenFiles => _files.Values;

    private static CompressionLevel Level(int level) => level switch
    {
        -1 => CompressionLevel.Optimal,
        0 => CompressionLevel.NoCompression,
        <= 3 => CompressionLevel.Fastest,
        9 => CompressionLevel.SmallestSize,
        _ => CompressionLevel.Optimal,
    };

    private bool RotateOnTime(string encoded, long? timestamp, long now)
    {
        if (_recordCount <= 0)
        {
            return false;
        }

        var periodic = _rotateIntervalMs > 0
            && ((_baseTimestamp is { } start && timestamp is { } time && time - start >= _rotateIntervalMs)
                || (_rotateOnPartitionChange && !string.Equals(encoded, _currentEncodedPartition, StringComparison.Ordinal)));
        return periodic || ScheduledRotationDue(now);
    }

    /// <summary>
    /// Confluent's default <c>schema.compatibility=NONE</c>: a value schema other than the open file's rotates, so that
    /// a file holds one schema. A switch between schemaless and schema values is refused, as Confluent's.
    /// </summary>
    private bool RotateOnSchemaChange(string encoded, SinkRecord record)
    {
        if (!_schemas.TryGetValue(encoded, out var current) || Equals(current, record.ValueSchema))
        {
            return false;
        }

        if (current is null || record.ValueSchema is null)
        {
            throw new Errors.DataException($"Switch between schema-based and schema-less data is not supported: {record.Topic}-{record.KafkaPartition?.ToString(CultureInfo.InvariantCulture)}@{record.KafkaOffset.ToString(CultureInfo.InvariantCulture)}");
        }

        return _recordCount > 0;
    }

    private bool ScheduledRotationDue(long now) => _rotateScheduleMs > 0 && now >= _nextScheduledRotation;

    private void ScheduleNextRotation()
    {
        if (_rotateScheduleMs <= 0)
        {
            return;
        }

        // The next multiple of the interval after now, counted from midnight in the partitioner's time zone, as Confluent's.
        var zone = TimeBasedPartitioner.FindTimeZone(_config.GetString(S3SinkConnectorConfig.TimezoneConfig) is { Length: > 0 } id ? id : "UTC") ?? TimeZoneInfo.Utc;
        var now = _time.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var midnight = new DateTimeOffset(local.Date, local.Offset);
        var sinceMidnight = (long)(local - midnight).TotalMilliseconds;
        _nextScheduledRotation = midnight.ToUnixTimeMilliseconds() + ((sinceMidnight / _rotateScheduleMs) + 1) * _rotateScheduleMs;
    }

    private async Task CommitFilesAsync(CancellationToken cancellationToken)
    {
        // In the order they were opened; a failure leaves them all open, to be written again from the first offset.
        foreach (var encoded in _order)
        {
            await _files[encoded].CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        _files.Clear();
        _order.Clear();
        _schemas.Clear();
        _offsetToCommit = _lastOffset + 1;
        _recordCount = 0;
        _baseTimestamp = null;
        ScheduleNextRotation();
    }

    private string ObjectKey(string encodedPartition, long startOffset)
    {
        var delim = _config.GetString(S3SinkConnectorConfig.FileDelimConfig);
        var name = _partition.Topic + delim + _partition.Partition.ToString(CultureInfo.InvariantCulture) + delim
            + startOffset.ToString(_zeroPad, CultureInfo.InvariantCulture) + _format.Extension;
        var directory = _partitioner.PartitionedPath(_partition.Topic, encodedPartition) + _config.GetString(S3SinkConnectorConfig.DirectoryDelimConfig) + name;
        return _config.GetString(S3SinkConnectorConfig.TopicsDirConfig) is { Length: > 0 } topicsDir
            ? topicsDir + _config.GetString(S3SinkConnectorConfig.DirectoryDelimConfig) + directory
            : directory;
    }
}
