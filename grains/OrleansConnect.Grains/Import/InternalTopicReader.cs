using Confluent.Kafka;

namespace OrleansConnect.Grains.Import;

/// <summary>
/// Reads a whole topic, every partition from its start to the end offset taken before reading (records written
/// meanwhile are left for a later import), in each partition's order, as a Kafka Connect worker reads its internal
/// topics to the end at start-up.
/// </summary>
internal static class InternalTopicReader
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    public delegate void RecordHandler(string topic, int partition, long offset, byte[]? key, byte[]? value);

    /// <summary>
    /// Reads the topic; a 400 when it does not exist, or when its Kafka cannot be reached or refuses the clients (the
    /// import's bootstrap.servers and security settings are the caller's), naming the topic and the servers.
    /// </summary>
    public static void Read(ConsumerConfig config, AdminClientConfig admin, string topic, RecordHandler handle, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            ReadAll(config, admin, topic, handle, timeout, cancellationToken);
        }
        catch (KafkaException e)
        {
            throw ConnectRestException.BadRequest(
                $"Could not read topic '{topic}' from the Kafka cluster at {admin.BootstrapServers}: {e.Error.Reason} (check bootstrap.servers and the security settings)");
        }
    }

    private static void ReadAll(ConsumerConfig config, AdminClientConfig admin, string topic, RecordHandler handle, TimeSpan timeout, CancellationToken cancellationToken)
    {
        List<int> partitions;
        using (var client = new AdminClientBuilder(admin).Build())
        {
            // All topics' metadata: a request naming the topic would create it where the broker auto-creates topics
            // (the embedded Kafka does), and an import must not make empty internal topics out of a misspelt name.
            var metadata = client.GetMetadata(MetadataTimeout).Topics.SingleOrDefault(t => t.Topic == topic);
            if (metadata is null || metadata.Error.Code == Confluent.Kafka.ErrorCode.UnknownTopicOrPart || metadata.Partitions.Count == 0)
            {
                throw ConnectRestException.BadRequest($"Topic '{topic}' does not exist in the Kafka cluster at {admin.BootstrapServers}: check the topic name ({metadata?.Error.Reason ?? "no metadata"})");
            }

            partitions = [.. metadata.Partitions.Select(p => p.PartitionId)];
        }

        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        var ends = new Dictionary<int, long>();
        foreach (var partition in partitions)
        {
            var watermarks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), MetadataTimeout);
            if (watermarks.High > watermarks.Low)
            {
                ends[partition] = watermarks.High;
            }
        }

        if (ends.Count == 0)
        {
            return;
        }

        consumer.Assign(ends.Keys.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var deadline = DateTime.UtcNow + timeout;
        var remaining = new HashSet<int>(ends.Keys);
        while (remaining.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (DateTime.UtcNow > deadline)
            {
                throw ConnectRestException.BadRequest($"Reading topic '{topic}' did not reach its end offsets within {timeout.TotalSeconds:0} s (partitions {string.Join(", ", remaining)} left)");
            }

            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null)
            {
                continue;
            }

            if (result.IsPartitionEOF)
            {
                remaining.Remove(result.Partition.Value);
                continue;
            }

            var partition = result.Partition.Value;
            if (result.Offset.Value < ends[partition])
            {
                handle(topic, partition, result.Offset.Value, result.Message.Key, result.Message.Value);
            }

            if (result.Offset.Value + 1 >= ends[partition])
            {
                remaining.Remove(partition);
            }
        }
    }
}
