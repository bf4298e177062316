using System.Globalization;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.ObjectStorage.Formats;
using OrleansConnect.Plugins.ObjectStorage.Partitioners;

namespace OrleansConnect.Plugins.ObjectStorage.S3;

/// <summary>
/// The keys of <see cref="S3SinkConnector"/>, named and defaulted as Confluent's S3 sink (kafka-connect-s3 and the
/// storage-common keys it inherits). Every Confluent key is defined, so a Confluent configuration validates unchanged;
/// the keys this sink does not honour yet are accepted with their default, and those whose other values would change
/// what lands in the bucket (encryption, tagging, keys and headers files) refuse anything but the default.
/// </summary>
public sealed class S3SinkConnectorConfig : AbstractConfig
{
    public const string BucketConfig = "s3.bucket.name";
    public const string RegionConfig = "s3.region";
    public const string StoreUrlConfig = "store.url";
    public const string PathStyleAccessConfig = "s3.path.style.access.enabled";
    public const string AccessKeyIdConfig = "aws.access.key.id";
    public const string SecretAccessKeyConfig = "aws.secret.access.key";
    public const string PartSizeConfig = "s3.part.size";
    public const string PartRetriesConfig = "s3.part.retries";
    public const string S3RetryBackoffConfig = "s3.retry.backoff.ms";
    public const string CompressionTypeConfig = "s3.compression.type";
    public const string CompressionLevelConfig = "s3.compression.level";
    public const string StorageClassConfig = "storage.class";
    public const string TopicsDirConfig = "topics.dir";
    public const string DirectoryDelimConfig = "directory.delim";
    public const string FileDelimConfig = "file.delim";
    public const string FormatClassConfig = "format.class";
    public const string FlushSizeConfig = "flush.size";
    public const string RotateIntervalMsConfig = "rotate.interval.ms";
    public const string RotateScheduleIntervalMsConfig = "rotate.schedule.interval.ms";
    public const string RotateFileOnPartitionChangeConfig = "rotate.file.on.partition.change";
    public const string RetryBackoffConfig = "retry.backoff.ms";
    public const string ZeroPadWidthConfig = "filename.offset.zero.pad.width";
    public const string ByteArrayExtensionConfig = "format.bytearray.extension";
    public const string ByteArraySeparatorConfig = "format.bytearray.separator";
    public const string JsonDecimalFormatConfig = "json.decimal.format";
    public const string BehaviorOnNullValuesConfig = "behavior.on.null.values";
    public const string ParquetCodecConfig = "parquet.codec";
    public const string PartitionerClassConfig = "partitioner.class";
    public const string PartitionFieldNameConfig = "partition.field.name";
    public const string PartitionDurationMsConfig = "partition.duration.ms";
    public const string PathFormatConfig = "path.format";
    public const string LocaleConfig = "locale";
    public const string TimezoneConfig = "timezone";
    public const string TimestampExtractorConfig = "timestamp.extractor";
    public const string TimestampFieldConfig = "timestamp.field";

    public const string S3StorageClass = "io.confluent.connect.s3.storage.S3Storage";
    public const string CompressionNone = "none";
    public const string CompressionGzip = "gzip";
    public const string NullValuesFail = "fail";
    public const string NullValuesIgnore = "ignore";

    /// <summary>S3's smallest part but the last one.</summary>
    public const int MinPartSize = 5 * 1024 * 1024;

    private const string S3Group = "S3";
    private const string StorageGroup = "Storage";
    private const string PartitionerGroup = "Partitioner";
    private const string NotYet = "Not honoured yet: ";

    /// <summary>Confluent's keys this sink does not honour yet: name, type, default, whether another value is refused.</summary>
    private static readonly (string Name, ConfigType Type, object? Default, bool RefuseOthers)[] NotHonoured =
    [
        ("s3.ssea.name", ConfigType.String, string.Empty, true),
        ("s3.sse.customer.key", ConfigType.Password, null, true),
        ("s3.sse.kms.key.id", ConfigType.String, string.Empty, true),
        ("s3.acl.canned", ConfigType.String, null, true),
        ("s3.object.tagging", ConfigType.Boolean, false, true),
        ("s3.object.tagging.key.value.pairs", ConfigType.List, string.Empty, true),
        ("s3.object.behavior.on.tagging.error", ConfigType.String, "ignore", false),
        ("s3.credentials.provider.class", ConfigType.String, "com.amazonaws.auth.DefaultAWSCredentialsProviderChain", false),
        ("s3.proxy.url", ConfigType.String, string.Empty, true),
        ("s3.proxy.user", ConfigType.String, null, false),
        ("s3.proxy.password", ConfigType.Password, null, false),
        ("s3.wan.mode", ConfigType.Boolean, false, false),
        ("s3.http.send.expect.continue", ConfigType.Boolean, true, false),
        ("s3.send.digest", ConfigType.Boolean, false, false),
        ("s3.elastic.buffer.enable", ConfigType.Boolean, false, false),
        ("s3.elastic.buffer.init.capacity", ConfigType.Int, 128 * 1024, false),
        ("s3.schema.partition.affix.type", ConfigType.String, "NONE", true),
        ("store.kafka.keys", ConfigType.Boolean, false, true),
        ("store.kafka.headers", ConfigType.Boolean, false, true),
        ("keys.format.class", ConfigType.String, "io.confluent.connect.s3.format.avro.AvroFormat", false),
        ("headers.format.class", ConfigType.String, "io.confluent.connect.s3.format.avro.AvroFormat", false),
        ("tombstone.encoded.partition", ConfigType.String, "tombstone", false),
        ("partitioner.max.open.files", ConfigType.Int, -1, false),
        ("max.write.duration.ms", ConfigType.Long, long.MaxValue, false),
        ("enable.conditional.writes", ConfigType.Boolean, true, false),
        ("max.files.scan.limit", ConfigType.Int, 100, false),
        ("report.null.values.to.dlq", ConfigType.Boolean, true, false),
        ("schema.compatibility", ConfigType.String, "NONE", false),
        ("schema.cache.size", ConfigType.Int, 1000, false),
        ("avro.codec", ConfigType.String, "null", false),
        ("enhanced.avro.schema.support", ConfigType.Boolean, true, false),
        ("connect.meta.data", ConfigType.Boolean, true, false),
        ("shutdown.timeout.ms", ConfigType.Long, 3000L, false),
    ];

    public static ConfigDef Keys { get; } = Define();

    public S3SinkConnectorConfig(IReadOnlyDictionary<string, string> props)
        : base(Keys, props)
    {
        var partitioner = GetString(PartitionerClassConfig)!;
        if (partitioner == Partitioner.FieldClass && GetList(PartitionFieldNameConfig).Count == 0)
        {
            throw new ConfigException(PartitionFieldNameConfig, string.Empty, $"{Partitioner.FieldClass} needs at least one field name");
        }

        if (partitioner == Partitioner.TimeBasedClass)
        {
            if (GetLong(PartitionDurationMsConfig) <= 0)
            {
                throw new ConfigException(PartitionDurationMsConfig, GetLong(PartitionDurationMsConfig), "TimeBasedPartitioner needs a positive partition duration");
            }

            if (string.IsNullOrWhiteSpace(GetString(PathFormatConfig)) || GetString(PathFormatConfig) == GetString(DirectoryDelimConfig))
            {
                throw new ConfigException(PathFormatConfig, GetString(PathFormatConfig), "Path format cannot be empty.");
            }
        }

        if (partitioner is Partitioner.TimeBasedClass or Partitioner.HourlyClass or Partitioner.DailyClass)
        {
            if (string.IsNullOrWhiteSpace(GetString(LocaleConfig)))
            {
                throw new ConfigException(LocaleConfig, GetString(LocaleConfig), "Locale cannot be empty.");
            }

            if (string.IsNullOrWhiteSpace(GetString(TimezoneConfig)))
            {
                throw new ConfigException(TimezoneConfig, GetString(TimezoneConfig), "Timezone cannot be empty.");
            }
        }
    }

    public string Bucket => GetString(BucketConfig)!;

    public string? StoreUrl => GetString(StoreUrlConfig) is { Length: > 0 } url ? url : null;

    public int PartSize => GetInt(PartSizeConfig);

    public bool Gzip => string.Equals(GetString(CompressionTypeConfig), CompressionGzip, StringComparison.OrdinalIgnoreCase);

    /// <summary>The S3 endpoint, for messages: <c>store.url</c> or the region's.</summary>
    public string Endpoint => StoreUrl ?? $"s3.{GetString(RegionConfig)}.amazonaws.com";

    private static ConfigDef Define()
    {
        var def = new ConfigDef()
            .Define(BucketConfig, ConfigType.String, ConfigDef.NoDefaultValue, Validators.NonEmptyString(), Importance.High,
                "The S3 bucket the objects are written to. It must exist: the sink does not create it.", S3Group, 1, Width.Long, "S3 Bucket")
            .Define(RegionConfig, ConfigType.String, "us-west-2", Validators.NonEmptyString(), Importance.Medium,
                "The AWS region of the bucket; with store.url, the region the requests are signed for.", S3Group, 2, Width.Long, "AWS region")
            .Define(StoreUrlConfig, ConfigType.String, null, Validators.With(EnsureUrl, "an absolute http or https URL"), Importance.High,
                "The S3-compatible endpoint (MinIO, s3rver, ...); empty for AWS's endpoint of s3.region.", StorageGroup, 1, Width.Long, "Store URL")
            .Define(PathStyleAccessConfig, ConfigType.Boolean, true, null, Importance.Low,
                "Whether requests address the bucket in the path (http://host/bucket/key) rather than the host name.", S3Group, 3, Width.Short, "Path-style access")
            .Define(AccessKeyIdConfig, ConfigType.String, string.Empty, null, Importance.High,
                "The AWS access key id; empty for the SDK's default credential chain (environment, profile, instance role).", S3Group, 4, Width.Long, "AWS Access Key ID")
            .Define(SecretAccessKeyConfig, ConfigType.Password, null, null, Importance.High,
                "The secret access key of aws.access.key.id. Never logged.", S3Group, 5, Width.Long, "AWS Secret Access Key")
            .Define(PartSizeConfig, ConfigType.Int, 25 * 1024 * 1024, Validators.Between(MinPartSize, int.MaxValue), Importance.High,
                "The part size of multipart uploads, in bytes: an object that grows past it is uploaded in parts of this size as it "
                + "is written; a smaller one is uploaded in one PUT when its file rotates.", S3Group, 6, Width.Long, "S3 Part Size")
            .Define(PartRetriesConfig, ConfigType.Int, 3, Validators.AtLeast(0), Importance.Medium,
                "How many times the SDK retries a failed request before the upload fails.", S3Group, 7, Width.Long, "S3 Part Upload Retries")
            .Define(S3RetryBackoffConfig, ConfigType.Long, 200L, Validators.AtLeast(0), Importance.Low,
                "Accepted; the SDK's own exponential backoff spaces its retries.", S3Group, 8, Width.Short, "Retry Backoff (ms)")
            .Define(CompressionTypeConfig, ConfigType.String, CompressionNone, Validators.CaseInsensitiveValidString(CompressionNone, CompressionGzip), Importance.Low,
                "none or gzip: gzip compresses JSON and byte array objects and adds .gz to their extension.", S3Group, 9, Width.Long, "Compression type")
            .Define(CompressionLevelConfig, ConfigType.Int, -1, Validators.Between(-1, 9), Importance.Low,
                "The gzip level: -1 the default, 0 none, 1 fastest to 9 smallest.", S3Group, 10, Width.Short, "Compression Level")
            .Define(StorageClassConfig, ConfigType.String, S3StorageClass, Validators.ValidString(S3StorageClass), Importance.High,
                "Only Confluent's S3 storage.", StorageGroup, 2, Width.Long, "Storage Class")
            .Define(TopicsDirConfig, ConfigType.String, "topics", null, Importance.High,
                "The top-level directory of the objects; empty for none.", StorageGroup, 3, Width.Long, "Topics directory")
            .Define(DirectoryDelimConfig, ConfigType.String, "/", Validators.NonEmptyString(), Importance.Medium,
                "The delimiter between the directories of an object name.", StorageGroup, 4, Width.Short, "Directory Delimiter")
            .Define(FileDelimConfig, ConfigType.String, "+", Validators.NonEmptyString(), Importance.Medium,
                "The delimiter between topic, partition and start offset in a file name.", StorageGroup, 5, Width.Short, "File Delimiter")
            .Define(FormatClassConfig, ConfigType.String, ConfigDef.NoDefaultValue, Validators.With(RecordFormat.EnsureSupported, string.Join(", ", RecordFormat.Supported)), Importance.High,
                "The format of the objects: Confluent's JsonFormat (JSON Lines), ByteArrayFormat or ParquetFormat (flat structs).", "Connector", 1, Width.Long, "Format class")
            .Define(FlushSizeConfig, ConfigType.Int, ConfigDef.NoDefaultValue, Validators.AtLeast(1), Importance.High,
                "The number of records of a topic partition after which its open files are uploaded and its offsets may commit.", "Connector", 2, Width.Long, "Flush Size")
            .Define(RotateIntervalMsConfig, ConfigType.Long, -1L, Validators.AtLeast(-1), Importance.High,
                "With a time-based partitioner: rotate when a record's timestamp is this far past the first of the open files; "
                + "-1 for never. Deterministic (exactly-once) with timestamp.extractor Record or RecordField.", "Connector", 3, Width.Medium, "Rotate Interval (ms)")
            .Define(RotateScheduleIntervalMsConfig, ConfigType.Long, -1L, Validators.AtLeast(-1), Importance.Medium,
                "Rotate the open files on the wall clock, at each multiple of this interval (in timezone), checked at every put and "
                + "offset commit; -1 for never. Not deterministic: a restart may cut the files elsewhere.", "Connector", 4, Width.Medium, "Rotate Schedule Interval (ms)")
            .Define(RotateFileOnPartitionChangeConfig, ConfigType.Boolean, true, null, Importance.Low,
                "With rotate.interval.ms set: rotate when a record's encoded partition differs from the previous record's.", "Connector", 5, Width.Short, "Rotate on partition change")
            .Define(RetryBackoffConfig, ConfigType.Long, 5000L, Validators.AtLeast(0), Importance.Low,
                "How long to wait before the records of a topic partition whose upload failed are consumed again.", "Connector", 6, Width.Short, "Retry Backoff (ms)")
            .Define(ZeroPadWidthConfig, ConfigType.Int, 10, Validators.AtLeast(0), Importance.Low,
                "The width the start offset in a file name is zero-padded to.", "Connector", 7, Width.Short, "Filename Offset Zero Pad Width")
            .Define(ByteArrayExtensionConfig, ConfigType.String, ".bin", null, Importance.Low,
                "The extension of ByteArrayFormat objects.", "Connector", 8, Width.Short, "Byte Array Extension")
            // The escape, not a newline: string values are trimmed, as Kafka trims them, and a newline would become empty.
            .Define(ByteArraySeparatorConfig, ConfigType.String, "\\n", Validators.With(EnsureEscapes, "text with Java escapes"), Importance.Low,
                "What ByteArrayFormat writes after each record (escapes such as \\n are read as in Java).", "Connector", 9, Width.Short, "Byte Array Separator")
            .Define(JsonDecimalFormatConfig, ConfigType.String, "BASE64", Validators.CaseInsensitiveValidString("BASE64", "NUMERIC"), Importance.Low,
                "How JsonFormat writes decimals: BASE64 (their unscaled bytes) or NUMERIC.", "Connector", 10, Width.Short, "Decimal Format")
            .Define(BehaviorOnNullValuesConfig, ConfigType.String, NullValuesFail, Validators.CaseInsensitiveValidString(NullValuesFail, NullValuesIgnore), Importance.Low,
                "What a record with a null value (a tombstone) does: fail the task, or ignore it (skipped, its offset committed "
                + "with the next file). Confluent's 'write' (tombstone files) is not supported yet.", "Connector", 11, Width.Short, "Behavior for null-valued records")
            .Define(ParquetCodecConfig, ConfigType.String, "snappy", Validators.CaseInsensitiveValidString([.. ParquetFormat.Codecs]), Importance.Low,
                "The compression codec of ParquetFormat objects: snappy, gzip, zstd or none.", "Connector", 12, Width.Short, "Parquet Compression Codec")
            .Define(PartitionerClassConfig, ConfigType.String, Partitioner.DefaultClass, Validators.With(Partitioner.EnsureSupported, string.Join(", ", Partitioner.Supported)), Importance.High,
                "How records are spread over directories: Default (partition=N), Field, TimeBased, Hourly or Daily.", PartitionerGroup, 1, Width.Long, "Partitioner Class")
            .Define(PartitionFieldNameConfig, ConfigType.List, string.Empty, null, Importance.Medium,
                "The value fields FieldPartitioner puts in the path (field=value, in this order); a dotted name reaches a nested field.", PartitionerGroup, 2, Width.Long, "Partition Field Name")
            .Define(PartitionDurationMsConfig, ConfigType.Long, -1L, null, Importance.Medium,
                "The span of one TimeBasedPartitioner directory in milliseconds.", PartitionerGroup, 3, Width.Long, "Partition Duration (ms)")
            .Define(PathFormatConfig, ConfigType.String, string.Empty, null, Importance.Medium,
                "The Joda-Time pattern of a TimeBasedPartitioner directory, e.g. 'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH.", PartitionerGroup, 4, Width.Long, "Path Format")
            .Define(LocaleConfig, ConfigType.String, string.Empty, null, Importance.Medium,
                "The locale of the path format's names (months, days), e.g. en-US.", PartitionerGroup, 5, Width.Long, "Locale")
            .Define(TimezoneConfig, ConfigType.String, string.Empty, Validators.With(EnsureTimeZone, "a time zone id, e.g. UTC or Europe/Paris"), Importance.Medium,
                "The time zone of the path format and of rotate.schedule.interval.ms.", PartitionerGroup, 6, Width.Long, "Timezone")
            .Define(TimestampExtractorConfig, ConfigType.String, "Wallclock", Validators.With(TimestampExtractor.EnsureSupported, "Wallclock, Record or RecordField"), Importance.Medium,
                "Where a time-based partitioner takes the time: Wallclock (the sink's clock), Record (the record's timestamp) or "
                + "RecordField (timestamp.field of the value).", PartitionerGroup, 7, Width.Long, "Timestamp Extractor")
            .Define(TimestampFieldConfig, ConfigType.String, "timestamp", null, Importance.Medium,
                "The value field RecordField reads: a number of milliseconds, an ISO-8601 string or a Timestamp; dotted for a nested field.", PartitionerGroup, 8, Width.Long, "Record Field for Timestamp Extractor");

        // Confluent's other keys: accepted so that its configurations run; see docs/reference/object-storage.md.
        foreach (var (name, type, defaultValue, refuseOthers) in NotHonoured)
        {
            def.Define(name, type, defaultValue, refuseOthers ? Validators.With((key, value) => EnsureDefault(key, value, defaultValue), "its default only") : null, Importance.Low,
                NotYet + (refuseOthers ? "only its default is accepted, because another value would change what is written." : "accepted and ignored."),
                "Not yet", -1, Width.None, name);
        }

        return def;
    }

    private static void EnsureDefault(string name, object? value, object? defaultValue)
    {
        var text = value switch
        {
            Password p => p.Value,
            IReadOnlyList<string> list => string.Join(',', list),
            _ => ConfigDef.ConvertToString(value),
        };
        var expected = defaultValue is string s ? s : ConfigDef.ConvertToString(defaultValue);
        if (!string.IsNullOrEmpty(text) && !string.Equals(text, expected, StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigException(name, value is Password ? Password.Hidden : text, "not supported yet by this S3 sink (see docs/reference/object-storage.md)");
        }
    }

    private static void EnsureEscapes(string name, object? value)
    {
        try
        {
            _ = System.Text.RegularExpressions.Regex.Unescape(value as string ?? string.Empty);
        }
        catch (ArgumentException e)
        {
            throw new ConfigException(name, value, "an invalid escape: " + e.Message);
        }
    }

    private static void EnsureUrl(string name, object? value)
    {
        if (value is string { Length: > 0 } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            throw new ConfigException(name, url, "not an absolute http or https URL");
        }
    }

    private static void EnsureTimeZone(string name, object? value)
    {
        if (value is string { Length: > 0 } id && TimeBasedPartitioner.FindTimeZone(id) is null)
        {
            throw new ConfigException(name, id, "unknown time zone");
        }
    }

    /// <summary>The format's culture: Java's locale (en-US, en_US or en) as a .NET culture; the invariant culture when unknown.</summary>
    internal static CultureInfo Culture(string? locale)
    {
        try
        {
            return string.IsNullOrWhiteSpace(locale) ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(locale.Replace('_', '-'));
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }
}
