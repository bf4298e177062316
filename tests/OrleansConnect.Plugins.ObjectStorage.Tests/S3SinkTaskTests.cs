using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.ObjectStorage.S3;
using OrleansConnect.Plugins.Sink;
using Parquet.Serialization;

namespace OrleansConnect.Plugins.ObjectStorage.Tests;

[Collection(S3rverCollection.Name)]
public sealed class S3SinkTaskTests(S3rverFixture s3)
{
    private const string JsonFormat = "io.confluent.connect.s3.format.json.JsonFormat";
    private const string ByteArrayFormat = "io.confluent.connect.s3.format.bytearray.ByteArrayFormat";
    private static readonly Schema Event = SchemaBuilder.Struct().Name("event")
        .Field("id", Schema.Int64).Field("region", Schema.String).Field("at", Schema.Int64).Build();

    // 2026-12-03T10:15:00Z: a time whose hour directory is known.
    private static readonly long T0 = new DateTimeOffset(2026, 12, 3, 10, 15, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Put_DefaultPartitioner_WritesConfluentNamesAndCommitsOnlyUploadedRecords()
    {
        var topic = Topic();
        var (task, _) = await StartAsync(Config(topic, flushSize: 3), new TopicPartition(topic, 0), new TopicPartition(topic, 1));
        await task.PutAsync([.. Records(topic, 0, 0, 7), .. Records(topic, 1, 0, 2)], Token);

        var committed = await task.PreCommitAsync(Current(topic, (0, 7), (1, 2)), Token);

        Assert.Equal(
            [$"topics/{topic}/partition=0/{topic}+0+0000000000.json", $"topics/{topic}/partition=0/{topic}+0+0000000003.json"],
            await s3.KeysAsync($"topics/{topic}/"));
        // Offsets 6 of partition 0 and 0-1 of partition 1 are in no object yet: 6 is committed, partition 1 not at all.
        Assert.Equal(new Dictionary<TopicPartition, long> { [new(topic, 0)] = 6 }, committed);
        Assert.Equal([0L, 1, 2], await IdsAsync($"topics/{topic}/partition=0/{topic}+0+0000000000.json"));
        await task.StopAsync(Token);
    }

    [Fact]
    public async Task Put_TopicsDirAndDelimiters_NameObjectsWithThem()
    {
        var topic = Topic();
        var config = Config(topic, flushSize: 2);
        config["topics.dir"] = "lake";
        config["file.delim"] = "_";
        config["filename.offset.zero.pad.width"] = "4";
        var (task, _) = await StartAsync(config, new TopicPartition(topic, 2));
        await task.PutAsync(Records(topic, 2, 40, 2), Token);

        Assert.Equal([$"lake/{topic}/partition=2/{topic}_2_0040.json"], await s3.KeysAsync($"lake/{topic}/"));
        await task.StopAsync(Token);
    }

    [Fact]
    public async Task Put_FieldPartitioner_WritesADirectoryPerFieldValue()
    {
        var topic = Topic();
        var config = Config(topic, flushSize: 4);
        config["partitioner.class"] = "io.confluent.connect.storage.partitioner.FieldPartitioner";
        config["partition.field.name"] = "region";
        var (task, _) = await StartAsync(config, new TopicPartition(topic, 0));
        await task.PutAsync(Records(topic, 0, 0, 4, i => i % 2 == 0 ? "eu" : "us"), Token);

        Assert.Equal(
            [$"topics/{topic}/region=eu/{topic}+0+0000000000.json", $"topics/{topic}/region=us/{topic}+0+0000000001.json"],
            await s3.KeysAsync($"topics/{topic}/"));
        Assert.Equal([1L, 3], await IdsAsync($"topics/{topic}/region=us/{topic}+0+0000000001.json"));
        await task.StopAsync(Token);
    }

    [Fact]
    public async Task Put_TimeBasedPartitionerOnRecordTime_WritesTheHourDirectory()
    {
        var topic = Topic();
        var config = TimeBased(topic, flushSize: 2, extractor: "Record");
        var (task, _) = await StartAsync(config, new TopicPartition(topic, 0));
        await task.PutAsync(Records(topic, 0, 0, 2, timestamp: i => T0 + i), Token);

        Assert.Equal(
            [$"topics/{topic}/year=2026/month=12/day=03/hour=10/{topic}+0+0000000000.json"],
            await s3.KeysAsync($"topics/{topic}/"));
        await task.StopAsync(Token);
    }

    [Fact]
    public async Task Put_TimeBasedPartitionerOnRecordFieldInTimezone_WritesTheLocalDirectory()
    {
        var topic = Topic();
        var config = TimeBased(topic, flushSize: 1, extractor: "RecordField");
        config["timestamp.field"] = "at";
        config["timezone"] = "Asia/Tokyo";
        config["path.format"] = "YYYY-MM-dd/HH";
        var (task, _) = await StartAsync(config, new TopicPartition(topic, 0));
        // The record's Kafka time is unrelated: the field decides.
        await task.PutAsync(Records(topic, 0, 0, 1, timestamp: _ => 0, at: _ => T0), Token);

        Assert.Equal([$"topics/{topic}/2026-12-03/19/{topic}+0+0000000000.json"], await s3.KeysAsync($"topics/{topic}/"));
        await task.StopAsync(Token);
    }

    [Fact]
    public async Task Put_DailyPartitionerOnWallclock_WritesTodaysDirectory()
    {
        var topic = Topic();
        var config = Config(topic, flushSize: 1);
        config["partitioner.class"] = "io.confluent.connect.storage.partitioner.DailyPartitioner";
        config["locale"] = "en-US";
        config["timezone"] = "UTC";
        var (task, _) = await StartAsync(config, new TopicPartition(topic, 0));
        var before = DateTimeOffset.UtcNow;
        await task.PutAsync(Records(topic, 0, 0, 1, timestamp: _ => 0), Token);
        var after = DateTimeOffset.UtcNow;

        var key = Assert.Single(await s3.KeysAsync($"topics/{topic}/"));
        Assert.Contains(key, new[] { before, after }.Select(d => $"topics/{topic}/year={d:yyyy}/month={d:MM}/day={d:dd}/{topic}+0+0000000000.json"));
        await task.StopAsync(Token);
    }

    [Fact]
    public async Task Put_RotateIntervalOnRecordTime_RotatesBeforeTheFirstRecordPastTheInterval()
    {
        var topic = Topic();
        var config = TimeBased(topic, flushSize: 1000, extractor: "Record");
        config["rotate.interval.ms"] = "600000";
        var (task, _) = await StartAsync(config, new TopicPartition(topic, 0));
        // Minutes 0, 4, 9, 10 (10 min past the first: rotates before it), 12, 21 (rotates before it).
        long[] minutes = [0, 4, 9, 10, 12, 21];
        await task.PutAsync(Records(topic, 0, 0, minutes.Length, timestamp: i => T0 + (minutes[i] * 60_000)), Token);

        var hour = $"topics/{topic}/year=2026/month=12/day=03/hour=10/";
        Assert.Equal([$"{hour}{topic}+0+0000000000.json", $"{hour}{topic}+0+0000000003.json"], await s3.KeysAsync($"topics/{topic}/"));
        Assert.Equal([0L, 1, 2], await IdsAsync($"{hour}{topic}+0+0000000000.json"));
        Assert.Equal(new Dictionary<TopicPartition, long> { [new(topic, 0)] = 5 }, await task.PreCommitAsync(Current(topic, (0, 6)), Token));
        await task.StopAsync(Token);
    }

    [Fact]
    public async Task Put_GzipJson_ReadsBackAsJsonLines()
    {
        var topic = Topic();
        var config = Config(topic, flushSize: 3);
        config["s3.compression.type"] = "gzip";
        var (task, _) = await StartAsync(config, new TopicPartition(topic, 0));
        await task.PutAsync(Records(topic, 0, 0, 3), Token);

        var key = Assert.Single(await s3.KeysAsync($"topics/{topic}/"));
        Assert.EndsWith(".json.gz", key, StringComparison.Ordinal);
        await using var gzip = new GZipStream(new MemoryStream(await s3.ReadAsync(key)), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var lines = (await reader.ReadToEndAsync(Token)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["{\"id\":0,\"region\":\"r0\",\"at\":0}", "{\"id\":1,\"region\":\"r1\",\"at\":1}", "{\"id\":2,\"region\":\"r2\",\"at\":2}"], lines);
        await task.StopAsync(Token);
    }

    [Fact]
    public async Task Put_ByteArrayAbovePartSize_UploadsInPartsAndReadsBackWhole()
    {
        var topic = Topic();
        var config = Config(topic, flushSize: 180);
        config["format.class"] = ByteArrayFormat;
        config["format.bytearray.separator"] = "\\r\\n";
        config["s3.part.size"] = (5 * 1024 * 1024).ToString(CultureInfo.InvariantCulture);
        var (task, _) = await StartAsync(config, new TopicPartition(topic, 0));
        var values = Enumerable.Range(0, 180).Select(i => Enumerable.Repeat((byte)('a' + (i % 26)), 64 * 1024).ToArray()).ToList();
        var records = values.Select((v, i) => new SinkRecord(topic, 0, null, null, Schema.Bytes, v, i)).ToList();
        var partsBefore = StoredParts();
        await task.PutAsync(records[..^1], Token);

        // Two parts of 5 MiB went up as the file grew, and nothing is visible yet; the last record rotates it.
        Assert.Equal(2, Assert.Single(task.Writer(new TopicPartition(topic, 0))!.OpenFiles).Object.PartsUploaded);
        Assert.Empty(await s3.KeysAsync($"topics/{topic}/"));
        await task.PutAsync(records[^1..], Token);

        var key = Assert.Single(await s3.KeysAsync($"topics/{topic}/"));
        Assert.Equal($"topics/{topic}/partition=0/{topic}+0+0000000000.bin", key);
        var expected = values.SelectMany(v => v.Concat("\r\n"u8.ToArray())).ToArray();
        Assert.Equal(expected, await s3.ReadAsync(key));
        // 11.3 MiB in parts of 5 MiB: the server stored three parts (its log says so).
        Assert.Equal(3, StoredParts() - partsBefore);
        await task.StopAsync(Token);
    }

    [Fact]
    public async Task Put_ParquetFlatStructs_ReadBackFieldByField()
    {
        var topic = Topic();
        var config = Config(topic, flushSize: 3);
        config["format.class"] = "io.confluent.connect.s3.format.parquet.ParquetFormat";
        var schema = SchemaBuilder.Struct().Name("row")
            .Field("i8", Schema.Int8).Field("i16", Schema.Int16).Field("i32", Schema.Int32).Field("i64", Schema.Int64)
            .Field("f32", Schema.Float32).Field("f64", Schema.Float64).Field("flag", Schema.Boolean)
            .Field("name", Schema.OptionalString).Field("blob", Schema.Bytes)
            .Field("at", Timestamp.Schema).Field("day", Date.Schema).Field("maybe", Schema.OptionalInt64)
            .Build();
        var rows = Enumerable.Range(0, 3).Select(i => new Struct(schema)
            .Put("i8", (sbyte)(i - 1)).Put("i16", (short)(1000 * i)).Put("i32", 70_000 * i).Put("i64", 5_000_000_000L * i)
            .Put("f32", 1.5f * i).Put("f64", Math.PI * i).Put("flag", i % 2 == 0)
            .Put("name", i == 1 ? null : "row " + i.ToString(CultureInfo.InvariantCulture)).Put("blob", new byte[] { (byte)i, 0xff })
            .Put("at", DateTimeOffset.FromUnixTimeMilliseconds(T0 + i)).Put("day", new DateOnly(2026, 12, 1 + i)).Put("maybe", i == 2 ? 42L : null))
            .ToList();
        var (task, _) = await StartAsync(config, new TopicPartition(topic, 0));
        await task.PutAsync([.. rows.Select((r, i) => new SinkRecord(topic, 0, null, null, schema, r, i))], Token);

        var key = Assert.Single(await s3.KeysAsync($"topics/{topic}/"));
        Assert.Equal($"topics/{topic}/partition=0/{topic}+0+0000000000.snappy.parquet", key);
        var read = await ParquetSerializer.DeserializeUntypedAsync(new MemoryStream(await s3.ReadAsync(key)), cancellationToken: Token);
        Assert.Equal(
            ["i8", "i16", "i32", "i64", "f32", "f64", "flag", "name", "blob", "at", "day", "maybe"],
            read.Schema.GetDataFields().Select(f => f.Name));
        Assert.Equal(3, read.Data.Count);
        for (var i = 0; i < 3; i++)
        {
            // The reader leaves null values out of a row.
            var row = read.Data[i].Keys.Concat(["name", "maybe"]).Distinct().ToDictionary(k => k, k => read.Data[i].TryGetValue(k, out var v) ? v : null);
            Assert.Equal(i - 1, row["i8"]);
            Assert.Equal(1000 * i, row["i16"]);
            Assert.Equal(70_000 * i, row["i32"]);
            Assert.Equal(5_000_000_000L * i, row["i64"]);
            Assert.Equal(1.5f * i, row["f32"]);
            Assert.Equal(Math.PI * i, row["f64"]);
            Assert.Equal(i % 2 == 0, row["flag"]);
            Assert.Equal(i == 1 ? null : "row " + i.ToString(CultureInfo.InvariantCulture), row["name"]);
            Assert.Equal(new byte[] { (byte)i, 0xff }, row["blob"] is ReadOnlyMemory<byte> m ? m.ToArray() : row["blob"]);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(T0 + i).UtcDateTime, ((DateTime)row["at"]!).ToUniversalTime());
            Assert.Equal(new DateOnly(2026, 12, 1 + i), row["day"] is DateOnly d ? d : DateOnly.FromDateTime((DateTime)row["day"]!));
            Assert.Equal(i == 2 ? 42L : null, row["maybe"]);
        }

        await task.StopAsync(Token);
    }

    [Fact]
    public async Task Put_ValueSchemaChanges_RotatesBeforeTheFirstRecordOfTheNewSchema()
    {
        var topic = Topic();
        var v2 = SchemaBuilder.Struct().Name("event").Version(2)
            .Field("id", Schema.Int64).Field("region", Schema.String).Field("at", Schema.Int64).Field("extra", Schema.OptionalString).Build();
        var (task, _) = await StartAsync(Config(topic, flushSize: 100), new TopicPartition(topic, 0));
        var records = Records(topic, 0, 0, 2).Concat(Enumerable.Range(2, 2).Select(i => new SinkRecord(topic, 0, null, null, v2,
            new Struct(v2).Put("id", (long)i).Put("region", "r").Put("at", 0L).Put("extra", "x"), i))).ToList();
        await task.PutAsync(records, Token);

        Assert.Equal([$"topics/{topic}/partition=0/{topic}+0+0000000000.json"], await s3.KeysAsync($"topics/{topic}/"));
        Assert.Equal(new Dictionary<TopicPartition, long> { [new(topic, 0)] = 2 }, await task.PreCommitAsync(Current(topic, (0, 4)), Token));
        Assert.Equal([0L, 1], await IdsAsync($"topics/{topic}/partition=0/{topic}+0+0000000000.json"));
        await task.StopAsync(Token);
    }

    [Fact]
    public async Task Start_WrongCredentials_FailsNamingTheKeyAndWritesNothing()
    {
        var topic = Topic();
        var config = Config(topic, flushSize: 1);
        // s3rver checks the access key id, not version 4 signatures: a wrong secret alone would pass.
        config["aws.access.key.id"] = "NOT-S3RVER";
        config["aws.secret.access.key"] = "not-the-secret";
        var task = new S3SinkTask();
        task.Initialize(new TestSinkTaskContext(config) { Assignment = [new(topic, 0)] });

        var error = await Assert.ThrowsAsync<ConnectException>(() => task.StartAsync(config, Token));

        Assert.Contains("aws.access.key.id 'NOT-S3RVER'", error.Message, StringComparison.Ordinal);
        Assert.Contains("InvalidAccessKeyId", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret", error.Message, StringComparison.Ordinal);
        Assert.Empty(await s3.KeysAsync($"topics/{topic}/"));
    }

    [Fact]
    public async Task Start_MissingBucket_FailsNamingTheBucketAndWritesNothing()
    {
        var topic = Topic();
        var config = Config(topic, flushSize: 1);
        config["s3.bucket.name"] = "no-such-bucket";
        var task = new S3SinkTask();
        task.Initialize(new TestSinkTaskContext(config) { Assignment = [new(topic, 0)] });

        var error = await Assert.ThrowsAsync<ConnectException>(() => task.StartAsync(config, Token));

        Assert.StartsWith("Non-existent S3 bucket: S3 bucket 'no-such-bucket'", error.Message, StringComparison.Ordinal);
        Assert.Contains("s3.bucket.name", error.Message, StringComparison.Ordinal);
        Assert.Empty(await s3.KeysAsync($"topics/{topic}/"));
    }

    [Fact]
    public async Task Put_BucketGoneAfterStart_FailsNamingTheBucketAndCommitsNothing()
    {
        var topic = Topic();
        var bucket = "gone-" + topic;
        using (var client = s3.Client())
        {
            await client.PutBucketAsync(bucket, Token);
        }

        var config = Config(topic, flushSize: 2);
        config["s3.bucket.name"] = bucket;
        var (task, _) = await StartAsync(config, new TopicPartition(topic, 0));
        using (var client = s3.Client())
        {
            await client.DeleteBucketAsync(bucket, Token);
        }

        var error = await Assert.ThrowsAsync<ConnectException>(() => task.PutAsync(Records(topic, 0, 0, 2), Token));

        Assert.StartsWith($"Non-existent S3 bucket: S3 bucket '{bucket}'", error.Message, StringComparison.Ordinal);
        Assert.Empty(await task.PreCommitAsync(Current(topic, (0, 2)), Token));
        await task.StopAsync(Token);
    }

    [Fact]
    public async Task Put_ServerDownDuringUpload_RewindsToTheFileStartAndWritesItWhenBack()
    {
        var topic = Topic();
        var config = Config(topic, flushSize: 3);
        config["s3.part.retries"] = "0";
        config["retry.backoff.ms"] = "250";
        var partition = new TopicPartition(topic, 0);
        var log = Records(topic, 0, 10, 3);
        var (task, context) = await StartAsync(config, partition);
        await task.PutAsync(log[..2], Token);

        await s3.StopAsync();
        try
        {
            await task.PutAsync(log[2..], Token);
        }
        finally
        {
            await s3.StartAsync();
        }

        Assert.Equal(10, context.Seeks[partition]);
        Assert.Equal(250, context.TimeoutMs);
        Assert.Empty(await task.PreCommitAsync(Current(topic, (0, 13)), Token));

        // The runtime consumes the partition again from the seek.
        await task.PutAsync(log, Token);

        Assert.Equal(new Dictionary<TopicPartition, long> { [partition] = 13 }, await task.PreCommitAsync(Current(topic, (0, 13)), Token));
        var key = Assert.Single(await s3.KeysAsync($"topics/{topic}/"));
        Assert.Equal([10L, 11, 12], await IdsAsync(key));
        await task.StopAsync(Token);
    }

    [Fact]
    public async Task Start_BadConfig_FailsNamingTheKey()
    {
        var config = Config(Topic(), flushSize: 1);
        config["format.class"] = "io.confluent.connect.s3.format.avro.AvroFormat";
        config["partitioner.class"] = "io.confluent.connect.storage.partitioner.TimeBasedPartitioner";

        var errors = new S3SinkConnector().Validate(config).Where(v => v.ErrorMessages.Count > 0).ToDictionary(v => v.Name, v => string.Join(" ", v.ErrorMessages));
        var start = await Assert.ThrowsAsync<ConfigException>(() => new S3SinkTask().StartAsync(config, Token));

        Assert.Contains("not supported yet", errors["format.class"], StringComparison.Ordinal);
        Assert.Contains("format.class", start.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_AfterRestartFromCommittedOffsets_WritesEveryRecordExactlyOnceUnderTheSameNames()
    {
        var topic = Topic();
        var config = Config(topic, flushSize: 4);
        var partition = new TopicPartition(topic, 0);
        var log = Records(topic, 0, 0, 30);
        var committed = new Dictionary<TopicPartition, long>();

        // The first task uploads +0 and +4 but commits only after +0, then writes 8-10 to an open file and is stopped
        // without a flush (a crash: nothing more is committed).
        var (first, _) = await StartAsync(config, partition);
        await first.PutAsync(log[..6], Token);
        Merge(committed, await first.PreCommitAsync(Current(topic, (0, 6)), Token));
        await first.PutAsync(log[6..11], Token);
        await first.StopAsync(Token);
        var before = await s3.KeysAsync($"topics/{topic}/");

        // The next task is given the partition at the committed offset and consumes the log from there to its end.
        var resumeAt = committed[partition];
        var (second, _) = await StartAsync(config, partition);
        foreach (var batch in log[(int)resumeAt..].Chunk(7))
        {
            await second.PutAsync(batch, Token);
            Merge(committed, await second.PreCommitAsync(Current(topic, (0, batch[^1].KafkaOffset + 1)), Token));
        }

        await second.StopAsync(Token);

        Assert.Equal(4, resumeAt);
        Assert.Equal([$"topics/{topic}/partition=0/{topic}+0+0000000000.json", $"topics/{topic}/partition=0/{topic}+0+0000000004.json"], before);
        var keys = await s3.KeysAsync($"topics/{topic}/");
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"topics/{topic}/partition=0/{topic}+0+{i * 4:D10}.json"), keys);
        var ids = new List<long>();
        foreach (var key in keys)
        {
            ids.AddRange(await IdsAsync(key));
        }

        // 28 records in 7 objects, each once; 28 and 29 wait in an open file, and the committed offset is 28.
        Assert.Equal(Enumerable.Range(0, 28).Select(i => (long)i), ids);
        Assert.Equal(28, committed[partition]);
    }

    [Fact]
    public async Task Put_RotateIntervalAfterRestart_RewritesTheSameFiles()
    {
        var topic = Topic();
        var config = TimeBased(topic, flushSize: 1000, extractor: "Record");
        config["rotate.interval.ms"] = "300000";
        var partition = new TopicPartition(topic, 0);
        var log = Records(topic, 0, 0, 20, timestamp: i => T0 + (i * 60_000));
        var committed = new Dictionary<TopicPartition, long>();

        var (first, _) = await StartAsync(config, partition);
        await first.PutAsync(log[..12], Token);
        Merge(committed, await first.PreCommitAsync(Current(topic, (0, 12)), Token));
        await first.StopAsync(Token);

        var (second, _) = await StartAsync(config, partition);
        await second.PutAsync(log[(int)committed[partition]..], Token);
        Merge(committed, await second.PreCommitAsync(Current(topic, (0, 20)), Token));
        await second.StopAsync(Token);

        var keys = await s3.KeysAsync($"topics/{topic}/");
        Assert.Equal([0L, 5, 10], keys.Select(k => long.Parse(k[(k.LastIndexOf('+') + 1)..k.IndexOf(".json", StringComparison.Ordinal)], CultureInfo.InvariantCulture)));
        var ids = new List<long>();
        foreach (var key in keys)
        {
            ids.AddRange(await IdsAsync(key));
        }

        Assert.Equal(Enumerable.Range(0, 15).Select(i => (long)i), ids);
        Assert.Equal(15, committed[partition]);
    }

    [Fact]
    public async Task Put_ByteArrayWithDefaults_WritesOneValuePerLine()
    {
        var topic = Topic();
        var config = Config(topic, flushSize: 2);
        config["format.class"] = ByteArrayFormat;
        var (task, _) = await StartAsync(config, new TopicPartition(topic, 0));
        await task.PutAsync([new SinkRecord(topic, 0, null, null, Schema.Bytes, "a b"u8.ToArray(), 0), new SinkRecord(topic, 0, null, null, Schema.Bytes, "c"u8.ToArray(), 1)], Token);

        Assert.Equal("a b\nc\n"u8.ToArray(), await s3.ReadAsync($"topics/{topic}/partition=0/{topic}+0+0000000000.bin"));
        await task.StopAsync(Token);
    }

    [Fact]
    public async Task StartConnector_BadPathFormat_FailsNamingTheKey()
    {
        var config = TimeBased(Topic(), flushSize: 1, extractor: "Record");
        config["path.format"] = "'year'=YYYY/'week'=ww/q";

        var error = await Assert.ThrowsAsync<ConfigException>(() => new S3SinkConnector().StartAsync(config, Token));

        Assert.Contains("path.format", error.Message, StringComparison.Ordinal);
        Assert.Contains("'q'", error.Message, StringComparison.Ordinal);
    }

    private int StoredParts() => s3.Output.Split('\n').Count(l => l.Contains("Stored part", StringComparison.Ordinal));

    private static string Topic() => "t" + Guid.NewGuid().ToString("N")[..10];

    private Dictionary<string, string> Config(string topic, int flushSize) => new(s3.ConnectorConfig, StringComparer.Ordinal)
    {
        ["connector.class"] = "io.confluent.connect.s3.S3SinkConnector",
        ["topics"] = topic,
        ["storage.class"] = "io.confluent.connect.s3.storage.S3Storage",
        ["format.class"] = JsonFormat,
        ["flush.size"] = flushSize.ToString(CultureInfo.InvariantCulture),
    };

    private Dictionary<string, string> TimeBased(string topic, int flushSize, string extractor)
    {
        var config = Config(topic, flushSize);
        config["partitioner.class"] = "io.confluent.connect.storage.partitioner.TimeBasedPartitioner";
        config["partition.duration.ms"] = "3600000";
        config["path.format"] = "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH";
        config["locale"] = "en-US";
        config["timezone"] = "UTC";
        config["timestamp.extractor"] = extractor;
        return config;
    }

    private static async Task<(S3SinkTask Task, TestSinkTaskContext Context)> StartAsync(Dictionary<string, string> config, params TopicPartition[] partitions)
    {
        var context = new TestSinkTaskContext(config) { Assignment = partitions };
        var task = new S3SinkTask();
        task.Initialize(context);
        await task.StartAsync(config, Token);
        return (task, context);
    }

    private static SinkRecord[] Records(string topic, int partition, long from, int count, Func<int, string>? region = null, Func<int, long>? timestamp = null, Func<int, long>? at = null) =>
        [.. Enumerable.Range(0, count).Select(i =>
        {
            var offset = from + i;
            var value = new Struct(Event).Put("id", offset).Put("region", region?.Invoke(i) ?? "r" + offset.ToString(CultureInfo.InvariantCulture)).Put("at", at?.Invoke(i) ?? offset);
            return new SinkRecord(topic, partition, null, null, Event, value, offset, timestamp?.Invoke(i) ?? T0, TimestampType.CreateTime);
        })];

    private static Dictionary<TopicPartition, long> Current(string topic, params (int Partition, long Next)[] offsets) =>
        offsets.ToDictionary(o => new TopicPartition(topic, o.Partition), o => o.Next);

    private static void Merge(Dictionary<TopicPartition, long> committed, IReadOnlyDictionary<TopicPartition, long> offsets)
    {
        foreach (var (partition, offset) in offsets)
        {
            committed[partition] = offset;
        }
    }

    private async Task<List<long>> IdsAsync(string key) =>
        [.. Encoding.UTF8.GetString(await s3.ReadAsync(key)).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("id").GetInt64())];
}
