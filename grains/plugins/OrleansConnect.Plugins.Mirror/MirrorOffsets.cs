using Confluent.Kafka;
using OrleansConnect.Plugins.Errors;
using KafkaTopicPartition = Confluent.Kafka.TopicPartition;

namespace OrleansConnect.Plugins.Mirror;

/// <summary>
/// The source partitions and offsets the three connectors commit, as Kafka's <c>MirrorUtils</c>: a replicated record's
/// partition is <c>{cluster, topic, partition}</c> and its offset <c>{offset}</c>; a checkpoint's partition is
/// <c>{group, topic, partition}</c> and a heartbeat's <c>{sourceClusterAlias, targetClusterAlias}</c>, both with offset
/// <c>{offset: 0}</c>. The checks are those of Kafka's <c>alterOffsets</c> (KIP-875).
/// </summary>
internal static class MirrorOffsets
{
    public const string ClusterKey = "cluster";
    public const string TopicKey = "topic";
    public const string PartitionKey = "partition";
    public const string OffsetKey = "offset";
    public const string GroupKey = "group";

    /// <summary>The offset map of checkpoints and heartbeats, which are never resumed from.</summary>
    public static readonly IReadOnlyDictionary<string, object?> ZeroOffset = Offset(0);

    public static IReadOnlyDictionary<string, object?> SourcePartition(string cluster, KafkaTopicPartition partition) => new Dictionary<string, object?>
    {
        [ClusterKey] = cluster,
        [TopicKey] = partition.Topic,
        [PartitionKey] = partition.Partition.Value,
    };

    public static IReadOnlyDictionary<string, object?> Offset(long offset) => new Dictionary<string, object?> { [OffsetKey] = offset };

    /// <summary>The offset of the last record replicated, or -1 when none was committed.</summary>
    public static long UnwrapOffset(IReadOnlyDictionary<string, object?>? offset) =>
        offset?.GetValueOrDefault(OffsetKey) switch
        {
            long l => l,
            int i => i,
            _ => -1,
        };

    /// <summary>Throws when an altered offset does not have the shape the connector commits; null offsets always pass.</summary>
    public static void Validate(
        IReadOnlyCollection<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>> offsets,
        IReadOnlyList<string> stringKeys,
        bool partitionKey,
        bool onlyOffsetZero)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        foreach (var (partition, offset) in offsets)
        {
            if (offset is null)
            {
                // As Kafka: a tombstone may clean up anything.
                continue;
            }

            foreach (var key in stringKeys)
            {
                if (!partition.TryGetValue(key, out var value))
                {
                    throw new ConnectException($"Source partition {Show(partition)} is missing the '{key}' key, which is required");
                }

                if (value is not string)
                {
                    throw new ConnectException($"Source partition {Show(partition)} has an invalid value {value ?? "null"} for the '{key}' key, which must be a string");
                }
            }

            if (partitionKey)
            {
                if (!partition.TryGetValue(PartitionKey, out var value))
                {
                    throw new ConnectException($"Source partition {Show(partition)} is missing the '{PartitionKey}' key, which is required");
                }

                if (value is not (int or long) || Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) > int.MaxValue)
                {
                    throw new ConnectException($"Source partition {Show(partition)} has an invalid value {value ?? "null"} for the '{PartitionKey}' key, which must be an integer");
                }

                if (Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) < 0)
                {
                    throw new ConnectException($"Source partition {Show(partition)} has an invalid value {value} for the '{PartitionKey}' key, which cannot be negative");
                }
            }

            if (!offset.TryGetValue(OffsetKey, out var raw))
            {
                throw new ConnectException($"Source offset {Show(offset)} for source partition {Show(partition)} is missing the '{OffsetKey}' key, which is required");
            }

            if (raw is not (int or long))
            {
                throw new ConnectException($"Source offset {Show(offset)} for source partition {Show(partition)} has an invalid value {raw ?? "null"} for the '{OffsetKey}' key, which must be an integer");
            }

            var number = Convert.ToInt64(raw, System.Globalization.CultureInfo.InvariantCulture);
            if (onlyOffsetZero && number != 0)
            {
                throw new ConnectException($"Source offset {Show(offset)} for source partition {Show(partition)} has an invalid value {raw} for the '{OffsetKey}' key; the only accepted value is 0");
            }

            if (!onlyOffsetZero && number < 0)
            {
                throw new ConnectException($"Source offset {Show(offset)} for source partition {Show(partition)} has an invalid value {raw} for the '{OffsetKey}' key, which cannot be negative");
            }
        }
    }

    private static string Show(IReadOnlyDictionary<string, object?> map) =>
        "{" + string.Join(", ", map.Select(e => $"{e.Key}={e.Value ?? "null"}")) + "}";
}
