using System.Diagnostics;
using Confluent.Kafka;

namespace OrleansConnect.Benchmarks;

/// <summary>
/// The ceiling: Confluent.Kafka's producer and consumer used directly, with the settings the runtime's own clients use
/// (idempotent producer, <c>acks=all</c>, <c>linger.ms=5</c>), so a ratio measures the runtime and not a setting.
/// </summary>
internal static class RawKafka
{
    private const string WarmUpTopic = "raw-warm-up";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static ProducerConfig ProducerConfig(string bootstrapServers) => new()
    {
        BootstrapServers = bootstrapServers,
        EnableIdempotence = true,
        Acks = Acks.All,
        LingerMs = 5,
    };

    /// <summary>Sends <paramref name="count"/> records of <paramref name="size"/> bytes; timed from the first send to the last acknowledgement.</summary>
    public static Throughput Produce(string bootstrapServers, string topic, int count, int size)
    {
        var value = new byte[size];
        Random.Shared.NextBytes(value);
        return Produce(ProducerConfig(bootstrapServers), [topic], count, value);
    }

    /// <summary>
    /// Writes <paramref name="count"/> copies of <paramref name="value"/> for consumers to drain, over as many topics
    /// as it takes to keep every record: the embedded (mock) cluster keeps only about 5 MB per partition and drops the
    /// oldest records beyond that, and the mock auto-creates topics with 4 partitions.
    /// </summary>
    /// <returns>The topics written.</returns>
    public static string[] Fill(string bootstrapServers, string prefix, int count, byte[] value)
    {
        // 4 MB a topic even if the partitioner puts every record into one partition.
        var perTopic = Math.Max(1, 4_000_000 / (value.Length + 64));
        var topics = Enumerable.Range(0, (count + perTopic - 1) / perTopic).Select(t => $"{prefix}-{t}").ToArray();
        var config = ProducerConfig(bootstrapServers);
        // Every record to a random partition rather than batches to one, so the partitions fill evenly.
        config.StickyPartitioningLingerMs = 0;
        Produce(config, topics, count, value);
        return topics;
    }

    private static Throughput Produce(ProducerConfig config, string[] topics, int count, byte[] value)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(config).Build();
        var failed = 0;
        void OnDelivery(DeliveryReport<byte[]?, byte[]?> report)
        {
            if (report.Error.IsError)
            {
                Interlocked.Increment(ref failed);
            }
        }

        // Connected and with a producer id before the clock starts, as the runtime's producer is by a task's first poll.
        producer.Produce(WarmUpTopic, new Message<byte[]?, byte[]?> { Value = value });
        producer.Flush(Timeout);
        var perTopic = (count + topics.Length - 1) / topics.Length;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var message = new Message<byte[]?, byte[]?> { Value = value };
            while (true)
            {
                try
                {
                    producer.Produce(topics[i / perTopic], message, OnDelivery);
                    break;
                }
                catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == Confluent.Kafka.ErrorCode.Local_QueueFull)
                {
                    // The same back-pressure as the runtime's source loop.
                    producer.Poll(TimeSpan.FromMilliseconds(100));
                }
            }
        }

        if (producer.Flush(Timeout) > 0 || failed > 0)
        {
            throw new InvalidOperationException($"raw producer to {string.Join(',', topics)}: {failed} records failed, flush left records outstanding");
        }

        return new Throughput(count, (long)count * value.Length, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Reads <paramref name="count"/> records from the start of the topics in a new group; timed from the first record to the last.</summary>
    public static Throughput Consume(string bootstrapServers, string[] topics, int count)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"bench-raw-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(topics);
        var deadline = Stopwatch.StartNew();
        long first = 0;
        long bytes = 0;
        var records = 0;
        while (records < count)
        {
            if (deadline.Elapsed > Timeout)
            {
                throw new TimeoutException($"raw consumer of {string.Join(',', topics)}: {records} of {count} records in {Timeout}");
            }

            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null || result.IsPartitionEOF)
            {
                continue;
            }

            if (records++ == 0)
            {
                first = Stopwatch.GetTimestamp();
            }

            bytes += result.Message.Value?.Length ?? 0;
        }

        var seconds = Measure.Seconds(first, Stopwatch.GetTimestamp());
        consumer.Close();
        return new Throughput(records, bytes, seconds);
    }
}
