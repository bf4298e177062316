using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using Confluent.Kafka;

namespace OrleansConnect.IntegrationTests.Mirror;

/// <summary>
/// MirrorMaker 2's three connectors between two Kafka clusters, configured as users configure them on Kafka Connect:
/// records copied byte for byte, new topics found, a consumer group's position translated, heartbeats, and an outage
/// of the target with nothing lost. The internal topics are read here with an independent decoder of Kafka's format.
/// </summary>
public sealed class MirrorMakerTests(MirrorClustersFixture clusters) : IClassFixture<MirrorClustersFixture>
{
    private const string ByteArrayConverter = "org.apache.kafka.connect.converters.ByteArrayConverter";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task MirrorSourceConnector_TopicsWithHeadersAndTimestamps_CopiedByteForByteAndNewTopicFound()
    {
        var sent = await ProduceAsync(clusters.Source.BootstrapServers, "a-orders", 40, seed: 1);
        await CreateAsync(MirrorSource("mm2-a", "a-.*"));
        try
        {
            var copied = await ReadAtLeastAsync(clusters.Target.BootstrapServers, "src.a-orders", sent.Count, "mm2-a");
            foreach (var expected in sent)
            {
                var actual = Assert.Single(copied, r => r.Partition == expected.Partition && r.Offset == expected.Offset);
                Assert.Equal(expected.Key, actual.Key);
                Assert.Equal(expected.Value, actual.Value);
                Assert.Equal(expected.Timestamp, actual.Timestamp);
                Assert.Equal(expected.Headers, actual.Headers);
            }

            // A matching topic created later is found by the next refresh (refresh.topics.interval.seconds=2).
            var later = await ProduceAsync(clusters.Source.BootstrapServers, "a-later", 10, seed: 2);
            var laterCopied = await ReadAtLeastAsync(clusters.Target.BootstrapServers, "src.a-later", later.Count, "mm2-a");
            Assert.Equal(later.Select(r => r.Value).Order(ByteOrder.Instance), laterCopied.Select(r => r.Value).Order(ByteOrder.Instance));
        }
        finally
        {
            await DeleteAsync("mm2-a");
        }
    }

    [Fact]
    public async Task MirrorSourceConnector_IdentityPolicyWithSyncsOnTarget_SameTopicNameAndSyncsOnTheTarget()
    {
        var sent = await ProduceAsync(clusters.Source.BootstrapServers, "e-orders", 20, seed: 5);
        var connector = MirrorSource("mm2-e", "e-.*");
        var config = connector["config"]!.AsObject();
        config["replication.policy.class"] = "org.apache.kafka.connect.mirror.IdentityReplicationPolicy";
        config["offset-syncs.topic.location"] = "target";
        await CreateAsync(connector);
        try
        {
            var copied = await ReadAtLeastAsync(clusters.Target.BootstrapServers, "e-orders", sent.Count, "mm2-e");
            Assert.Equal(sent.Select(r => (r.Partition, r.Offset)).Order(), copied.Select(r => (r.Partition, r.Offset)).Order());

            // On the target, the offset-syncs topic is named after the source.
            var syncs = await ReadAtLeastAsync(clusters.Target.BootstrapServers, "mm2-offset-syncs.src.internal", 1, "mm2-e");
            Assert.Contains(syncs, s => new Reader(s.Key!).String() == "e-orders");
        }
        finally
        {
            await DeleteAsync("mm2-e");
        }
    }

    [Fact]
    public async Task MirrorCheckpointConnector_ConsumerGroupPosition_TranslatedToCheckpointAndTargetGroup()
    {
        await ProduceAsync(clusters.Source.BootstrapServers, "b-orders", 40, seed: 3, partitions: 1);
        // A consumer that read everything: its position is the end of the topic, exactly translatable from the last sync.
        CommitOnSource("billing", new TopicPartitionOffset("b-orders", 0, 40));
        await CreateAsync(MirrorSource("mm2-b", "b-.*"));
        var checkpoints = MirrorConnector("mm2-b-cp", "org.apache.kafka.connect.mirror.MirrorCheckpointConnector", "b-.*");
        var config = checkpoints["config"]!.AsObject();
        config["groups"] = "billing";
        config["emit.checkpoints.interval.seconds"] = "1";
        config["sync.group.offsets.enabled"] = "true";
        config["sync.group.offsets.interval.seconds"] = "1";
        await CreateAsync(checkpoints);
        try
        {
            // The group's committed offset on the source, translated through the offset syncs.
            await Eventually.HoldsAsync(
                () => Task.FromResult(CommittedOnTarget("billing", new TopicPartition("src.b-orders", 0))),
                offset => offset == 40,
                offset => $"group billing on the target at src.b-orders-0: {offset}, expected 40 (mm2-b-cp)\n{clusters.Silo.Output}",
                Patience);

            // The checkpoint record in Kafka's format: key group, topic, partition; value version 0, upstream, downstream, metadata.
            var records = await ReadAtLeastAsync(clusters.Target.BootstrapServers, "src.checkpoints.internal", 1, "mm2-b-cp");
            var last = records.Last();
            var key = new Reader(last.Key!);
            Assert.Equal(("billing", "src.b-orders", 0), (key.String(), key.String(), key.Int32()));
            var value = new Reader(last.Value!);
            Assert.Equal(((short)0, 40L, 40L, string.Empty), (value.Int16(), value.Int64(), value.Int64(), value.String()));

            // The offset syncs on the source (offset-syncs.topic.location=source): key topic, partition; value upstream, downstream.
            var syncs = await ReadAtLeastAsync(clusters.Source.BootstrapServers, "mm2-offset-syncs.tgt.internal", 1, "mm2-b");
            var sync = syncs.Select(s => (Key: new Reader(s.Key!), Value: new Reader(s.Value!)))
                .Select(s => (Topic: s.Key.String(), Partition: s.Key.Int32(), Upstream: s.Value.Int64(), Downstream: s.Value.Int64()))
                .Last(s => s.Topic == "b-orders");
            Assert.Equal(sync.Upstream, sync.Downstream);
        }
        finally
        {
            await DeleteAsync("mm2-b-cp");
            await DeleteAsync("mm2-b");
        }
    }

    [Fact]
    public async Task MirrorHeartbeatConnector_Running_WritesHeartbeatsInKafkasFormat()
    {
        var connector = MirrorConnector("mm2-hb", "org.apache.kafka.connect.mirror.MirrorHeartbeatConnector", null);
        await CreateAsync(connector);
        try
        {
            var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var records = await ReadAtLeastAsync(clusters.Target.BootstrapServers, "heartbeats", 2, "mm2-hb");
            var key = new Reader(records[^1].Key!);
            Assert.Equal(("src", "tgt"), (key.String(), key.String()));
            var value = new Reader(records[^1].Value!);
            Assert.Equal(0, value.Int16());
            Assert.InRange(value.Int64(), before - 60_000, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        }
        finally
        {
            await DeleteAsync("mm2-hb");
        }
    }

    /// <summary>
    /// The target's brokers go down for 10 s (connections refused, data kept) while the source keeps receiving records;
    /// the replicated topic ends with every source record.
    /// </summary>
    [Fact]
    public async Task MirrorSourceConnector_TargetDownTenSeconds_NothingLost()
    {
        var sent = await ProduceAsync(clusters.Source.BootstrapServers, "d-orders", 60, seed: 4);
        await CreateAsync(MirrorSource("mm2-d", "d-.*"));
        try
        {
            await ReadAtLeastAsync(clusters.Target.BootstrapServers, "src.d-orders", sent.Count, "mm2-d");
            await clusters.Target.SetBrokersDownAsync();
            try
            {
                using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = clusters.Target.BootstrapServers }).Build())
                {
                    Assert.Throws<KafkaException>(() => admin.GetMetadata(TimeSpan.FromSeconds(2)));
                }

                for (var burst = 0; burst < 5; burst++)
                {
                    sent.AddRange(await ProduceAsync(clusters.Source.BootstrapServers, "d-orders", 30, seed: 10 + burst));
                    await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
                }
            }
            finally
            {
                await clusters.Target.SetBrokersUpAsync();
            }

            var copied = await ReadAtLeastAsync(clusters.Target.BootstrapServers, "src.d-orders", sent.Count, "mm2-d", TimeSpan.FromSeconds(90));
            var missing = sent.Where(s => !copied.Any(c => c.Partition == s.Partition && c.Offset == s.Offset && c.Value.AsSpan().SequenceEqual(s.Value))).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} of {sent.Count} records missing on the target after the outage (mm2-d)");
            await Rest.WaitForStateAsync(clusters.Silo.Http, "mm2-d", "RUNNING");
        }
        finally
        {
            await DeleteAsync("mm2-d");
        }
    }

    private static JsonObject MirrorConnector(string name, string connectorClass, string? topics)
    {
        var config = new JsonObject
        {
            ["connector.class"] = connectorClass,
            ["source.cluster.alias"] = "src",
            ["target.cluster.alias"] = "tgt",
            ["key.converter"] = ByteArrayConverter,
            ["value.converter"] = ByteArrayConverter,
            ["header.converter"] = ByteArrayConverter,
            ["emit.heartbeats.interval.seconds"] = "1",
            ["admin.timeout.ms"] = "3000",
        };
        if (topics is not null)
        {
            config["topics"] = topics;
        }

        return new JsonObject { ["name"] = name, ["config"] = config };
    }

    private JsonObject MirrorSource(string name, string topics)
    {
        var connector = MirrorConnector(name, "org.apache.kafka.connect.mirror.MirrorSourceConnector", topics);
        var config = connector["config"]!.AsObject();
        config["tasks.max"] = "2";
        config["replication.factor"] = "1";
        config["offset-syncs.topic.replication.factor"] = "1";
        config["refresh.topics.interval.seconds"] = "2";
        config["sync.topic.configs.enabled"] = "false";
        config["offset.lag.max"] = "0";
        return connector;
    }

    private async Task CreateAsync(JsonObject connector)
    {
        var config = connector["config"]!.AsObject();
        config["source.cluster.bootstrap.servers"] = clusters.Source.BootstrapServers;
        config["target.cluster.bootstrap.servers"] = clusters.Target.BootstrapServers;
        try
        {
            await Rest.CreateConnectorAsync(clusters.Silo.Http, connector);
        }
        catch (HttpRequestException e)
        {
            throw new InvalidOperationException($"Creating {connector["name"]} failed: {e.Message}\n{clusters.Silo.Output}", e);
        }
    }

    private async Task DeleteAsync(string name) =>
        await Rest.SendAsync(clusters.Silo.Http, HttpMethod.Delete, $"/connectors/{name}");

    /// <summary>Records with keys, binary values, headers (a repeated key, a null value) and explicit timestamps, spread over the partitions.</summary>
    private static async Task<List<Copied>> ProduceAsync(string bootstrap, string topic, int count, int seed, int partitions = 4)
    {
        var random = new Random(seed);
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig { BootstrapServers = bootstrap, LingerMs = 5 }).Build();
        var sent = new List<Copied>(count);
        for (var i = 0; i < count; i++)
        {
            var value = new byte[random.Next(1, 64)];
            random.NextBytes(value);
            var headers = new Headers { { "h", [0, 1, 2, (byte)i] }, { "h", Encoding.UTF8.GetBytes("again") }, { "empty", null } };
            var message = new Message<byte[]?, byte[]?>
            {
                Key = i % 5 == 0 ? null : Encoding.UTF8.GetBytes($"key-{seed}-{i}"),
                Value = value,
                Headers = headers,
                Timestamp = new Timestamp(1_700_000_000_000L + (seed * 100_000) + i, TimestampType.CreateTime),
            };
            var report = await producer.ProduceAsync(new TopicPartition(topic, i % partitions), message);
            sent.Add(Copied.Of(report.Partition.Value, report.Offset.Value, message));
        }

        return sent;
    }

    /// <summary>Commits a group's offset on the source, as a consumer of that group would (the group never has members).</summary>
    private void CommitOnSource(string group, TopicPartitionOffset offset)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = clusters.Source.BootstrapServers, GroupId = group }).Build();
        consumer.Commit([offset]);
    }

    private long CommittedOnTarget(string group, TopicPartition partition)
    {
        try
        {
            using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = clusters.Target.BootstrapServers, GroupId = group }).Build();
            return consumer.Committed([partition], TimeSpan.FromSeconds(5)).Single().Offset.Value;
        }
        catch (KafkaException)
        {
            return -1;
        }
    }

    /// <summary>Every record of the topic, read from the start of each partition until it holds at least <paramref name="count"/>.</summary>
    private Task<List<Copied>> ReadAtLeastAsync(string bootstrap, string topic, int count, string connector, TimeSpan? timeout = null) =>
        Eventually.HoldsAsync(
            () => Task.FromResult(ReadAll(bootstrap, topic)),
            records => records.Count >= count,
            records => $"{topic} holds {records.Count} records, expected at least {count} ({connector})\n{clusters.Silo.Output}",
            timeout ?? Patience,
            TimeSpan.FromSeconds(1));

    private static List<Copied> ReadAll(string bootstrap, string topic)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "mirror-test-reader",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
        }).Build();
        var records = new List<Copied>();
        try
        {
            using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
            var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(5)).Topics.SingleOrDefault(t => t.Topic == topic && t.Error.Code == Confluent.Kafka.ErrorCode.NoError);
            if (metadata is null || metadata.Partitions.Count == 0)
            {
                return records;
            }

            consumer.Assign(metadata.Partitions.Select(p => new TopicPartitionOffset(new TopicPartition(topic, p.PartitionId), Offset.Beginning)));
            var ended = 0;
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (ended < metadata.Partitions.Count && DateTime.UtcNow < deadline)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(500));
                if (result is null)
                {
                    continue;
                }

                if (result.IsPartitionEOF)
                {
                    ended++;
                    continue;
                }

                records.Add(Copied.Of(result.Partition.Value, result.Offset.Value, result.Message));
            }
        }
        catch (KafkaException)
        {
            // Not there yet: the next attempt reads again.
        }

        return records;
    }

    private sealed record Copied(int Partition, long Offset, byte[]? Key, byte[] Value, long Timestamp, IReadOnlyList<(string Key, string? Value)> Headers)
    {
        public static Copied Of(int partition, long offset, Message<byte[]?, byte[]?> message) => new(
            partition,
            offset,
            message.Key,
            message.Value ?? [],
            message.Timestamp.UnixTimestampMs,
            message.Headers?.Select(h => (h.Key, h.GetValueBytes() is { } b ? Convert.ToHexString(b) : null)).ToArray() ?? []);
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }

    /// <summary>Kafka's protocol types, read independently of the plugin: big-endian integers, STRING as INT16 length + UTF-8.</summary>
    private sealed class Reader(byte[] bytes)
    {
        private int _position;

        public short Int16() => BinaryPrimitives.ReadInt16BigEndian(Take(2));

        public int Int32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

        public long Int64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

        public string String() => Encoding.UTF8.GetString(Take(Int16()));

        private ReadOnlySpan<byte> Take(int count)
        {
            var span = bytes.AsSpan(_position, count);
            _position += count;
            return span;
        }
    }
}
