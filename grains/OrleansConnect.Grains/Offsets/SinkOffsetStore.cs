using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using System.Text.RegularExpressions;
using OrleansConnect.Grains.Kafka;
using OrleansConnect.Plugins.Sink;
using ErrorCode = Confluent.Kafka.ErrorCode;
using SpiTopicPartition = OrleansConnect.Plugins.TopicPartition;

namespace OrleansConnect.Grains.Offsets;

/// <summary>
/// A sink connector's offsets: its consumer group's committed offsets, read and changed with the admin client, in
/// Kafka's common form (<c>{"kafka_topic","kafka_partition"}</c> → <c>{"kafka_offset"}</c>). Only ListConsumerGroupOffsets,
/// AlterConsumerGroupOffsets, DeleteConsumerGroupOffsets and DeleteGroups are used: ListConsumerGroups crashes the
/// embedded mock cluster.
/// </summary>
internal sealed class SinkOffsetStore(KafkaCluster kafka)
{
    public const string TopicKey = "kafka_topic";
    public const string PartitionKey = "kafka_partition";
    public const string OffsetKey = "kafka_offset";

    // Below the 30 s grain call timeout, so a cluster that does not answer is reported as such, not as a timeout.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The consumer group of a sink connector's tasks: <c>connect-{name}</c> unless the config overrides it.</summary>
    public static string GroupId(string connector, IReadOnlyDictionary<string, string> config) =>
        config.TryGetValue("consumer.override.group.id", out var group) && group.Length > 0 ? group : "connect-" + connector;

    /// <summary>
    /// The group's committed offsets. Kafka answers "every partition of the group" directly; librdkafka's mock
    /// cluster answers that form with nothing, so when it is empty the partitions the connector's tasks can be
    /// assigned are asked for by name: those of its <c>topics</c> or of the topics <c>topics.regex</c> matches, and of
    /// the topics its tasks used (<paramref name="activeTopics"/>, which covers topics since removed from the config);
    /// from metadata, which never auto-creates a topic.
    /// </summary>
    public async Task<ImmutableArray<ConnectorOffset>> GetAsync(string group, IReadOnlyDictionary<string, string> config, ImmutableArray<string> activeTopics)
    {
        using var admin = Admin();
        try
        {
            var committed = await ListAsync(admin, group, null).ConfigureAwait(false);
            if (committed.Count == 0)
            {
                var partitions = CurrentPartitions(admin, config, activeTopics);
                committed = partitions.Count == 0 ? [] : await ListAsync(admin, group, partitions).ConfigureAwait(false);
            }

            return [.. committed
                .Where(p => p.Offset.Value >= 0)
                .OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition.Value)
                .Select(p => new ConnectorOffset(Partition(p.Topic, p.Partition.Value), Offset(p.Offset.Value)))];
        }
        catch (KafkaException e)
        {
            throw new ConnectRestException($"Failed to read the offsets of consumer group {group}: {e.Error.Reason}", e);
        }
    }

    /// <summary>Checks every entry first (400 naming the bad one), then sets offsets and deletes the reset ones.</summary>
    public async Task AlterAsync(string group, ImmutableArray<ConnectorOffset> offsets)
    {
        var parsed = offsets.Select(Parse).ToList();
        var set = parsed.Where(p => p.Offset is not null).Select(p => new TopicPartitionOffset(p.Topic, p.Partition, p.Offset!.Value)).ToList();
        var reset = parsed.Where(p => p.Offset is null).Select(p => new TopicPartition(p.Topic, p.Partition)).ToList();
        if (reset.Count > 0)
        {
            EnsureSupported("resetting a sink partition's offset (a null offset)", "OffsetDelete");
        }

        using var admin = Admin();
        try
        {
            if (set.Count > 0)
            {
                await admin.AlterConsumerGroupOffsetsAsync(
                    [new ConsumerGroupTopicPartitionOffsets(group, set)],
                    new AlterConsumerGroupOffsetsOptions { RequestTimeout = RequestTimeout }).ConfigureAwait(false);
            }

            if (reset.Count > 0)
            {
                await admin.DeleteConsumerGroupOffsetsAsync(group, reset, new DeleteConsumerGroupOffsetsOptions { RequestTimeout = RequestTimeout }).ConfigureAwait(false);
            }
        }
        catch (KafkaException e)
        {
            // The mock checks the member of every commit to a group it has seen, even an empty one; Kafka does so only
            // while the group has members.
            var hint = kafka.Embedded is not null && e is AlterConsumerGroupOffsetsException
                ? " (the embedded Kafka cluster accepts offsets only for a consumer group that has never had members)"
                : string.Empty;
            throw new ConnectRestException($"Failed to alter the offsets of consumer group {group}: {Describe(e)}{hint}", e);
        }
    }

    public async Task ResetAsync(string group)
    {
        EnsureSupported("resetting a sink connector's offsets", "DeleteGroups");
        using var admin = Admin();
        try
        {
            await admin.DeleteGroupsAsync([group], new DeleteGroupsOptions { RequestTimeout = RequestTimeout }).ConfigureAwait(false);
        }
        catch (DeleteGroupsException e) when (e.Results.All(r => r.Error.Code is ErrorCode.GroupIdNotFound or ErrorCode.NoError))
        {
            // Nothing was ever committed: there is nothing to reset.
        }
        catch (KafkaException e)
        {
            throw new ConnectRestException($"Failed to reset the offsets of consumer group {group}: {Describe(e)}", e);
        }
    }

    private static async Task<List<TopicPartitionOffsetError>> ListAsync(IAdminClient admin, string group, List<TopicPartition>? partitions)
    {
        try
        {
            var results = await admin.ListConsumerGroupOffsetsAsync(
                [new ConsumerGroupTopicPartitions(group, partitions)],
                new ListConsumerGroupOffsetsOptions { RequestTimeout = RequestTimeout }).ConfigureAwait(false);
            return [.. results.SelectMany(r => r.Partitions)];
        }
        catch (ListConsumerGroupOffsetsException e) when (e.Results.All(r => r.Error.Code == ErrorCode.GroupIdNotFound))
        {
            return [];
        }
    }

    /// <summary>
    /// The partitions of the topics the sink reads (its <c>topics</c>, or the topics <c>topics.regex</c> matches as the
    /// consumer's subscription does) or has read.
    /// </summary>
    private static List<TopicPartition> CurrentPartitions(IAdminClient admin, IReadOnlyDictionary<string, string> config, ImmutableArray<string> activeTopics)
    {
        var topics = config.GetValueOrDefault(SinkConnector.TopicsConfig, string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        topics.UnionWith(activeTopics.IsDefault ? [] : activeTopics);
        var regex = config.GetValueOrDefault(SinkConnector.TopicsRegexConfig, string.Empty).Trim();
        var matches = regex.Length > 0 ? new Regex(KafkaCluster.RegexSubscription(regex)) : null;
        return [.. admin.GetMetadata(RequestTimeout).Topics
            .Where(t => t.Error.Code == ErrorCode.NoError && (topics.Contains(t.Topic) || (matches?.IsMatch(t.Topic) ?? false)))
            .SelectMany(t => t.Partitions.Select(p => new TopicPartition(t.Topic, p.PartitionId)))];
    }

    /// <summary>librdkafka's mock cluster, the embedded Kafka, does not implement every admin request: a 501 saying so.</summary>
    private void EnsureSupported(string operation, string request)
    {
        if (kafka.Embedded is not null)
        {
            throw new ConnectRestException(501, $"The embedded Kafka cluster does not support {operation}: librdkafka's mock cluster has no {request} request. It works against a real Kafka cluster (Kafka:BootstrapServers).");
        }
    }

    private IAdminClient Admin() => new AdminClientBuilder(kafka.AdminConfig()).Build();

    private static string Describe(KafkaException e) => e switch
    {
        AlterConsumerGroupOffsetsException alter => string.Join("; ", alter.Results.SelectMany(r => r.Partitions).Where(p => p.Error.IsError).Select(p => $"{p.TopicPartition}: {p.Error.Reason}").DefaultIfEmpty(e.Error.Reason)),
        DeleteConsumerGroupOffsetsException delete => string.Join("; ", delete.Result.Partitions.Where(p => p.Error.IsError).Select(p => $"{p.TopicPartition}: {p.Error.Reason}").DefaultIfEmpty(delete.Error.Reason)),
        DeleteGroupsException groups => string.Join("; ", groups.Results.Where(r => r.Error.IsError).Select(r => r.Error.Reason).DefaultIfEmpty(e.Error.Reason)),
        _ => e.Error.Reason,
    };

    /// <summary>The entries as the SPI's <c>SinkConnector.AlterOffsetsAsync</c> takes them, each checked as Kafka does (a 400 naming the bad one).</summary>
    public static IReadOnlyDictionary<SpiTopicPartition, long?> ParseAll(IEnumerable<ConnectorOffset> offsets)
    {
        var parsed = new Dictionary<SpiTopicPartition, long?>();
        foreach (var (topic, partition, offset) in offsets.Select(Parse))
        {
            parsed[new SpiTopicPartition(topic, partition)] = offset;
        }

        return parsed;
    }

    /// <summary>Kafka's checks of a sink offset entry (<c>SinkUtils.parseSinkConnectorOffsets</c>), as 400s.</summary>
    private static (string Topic, int Partition, long? Offset) Parse(ConnectorOffset entry)
    {
        using var partition = JsonDocument.Parse(entry.Partition);
        var root = partition.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(TopicKey, out var topic) || !root.TryGetProperty(PartitionKey, out var number))
        {
            throw ConnectRestException.BadRequest($"The partition for a sink connector offset must contain the keys '{TopicKey}' and '{PartitionKey}'");
        }

        if (topic.ValueKind != JsonValueKind.String || topic.GetString()!.Length == 0)
        {
            throw ConnectRestException.BadRequest($"Kafka topic names must be valid strings, not {topic.GetRawText()}");
        }

        var partitionNumber = Integer(number, long.MinValue, int.MaxValue)
            is { } p and >= 0 and <= int.MaxValue
            ? (int)p
            : throw ConnectRestException.BadRequest($"Failed to parse the following Kafka partition value in the provided offsets: '{number.GetRawText()}'. The value for '{PartitionKey}' in the partition map must be an integer");
        if (entry.Offset is null)
        {
            return (topic.GetString()!, partitionNumber, null);
        }

        using var offset = JsonDocument.Parse(entry.Offset);
        if (offset.RootElement.ValueKind != JsonValueKind.Object || !offset.RootElement.TryGetProperty(OffsetKey, out var value))
        {
            throw ConnectRestException.BadRequest($"The offset for a sink connector should either be null or contain the key '{OffsetKey}'");
        }

        return Integer(value, 0, long.MaxValue) is { } o and >= 0
            ? (topic.GetString()!, partitionNumber, o)
            : throw ConnectRestException.BadRequest($"Failed to parse the following Kafka offset value in the provided offsets: '{value.GetRawText()}'. The value for '{OffsetKey}' in the offset map must be a non-negative integer");
    }

    /// <summary>A JSON number or a string holding one, as Kafka accepts both ("10" and 10).</summary>
    private static long? Integer(JsonElement value, long min, long max) =>
        value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var n) && n >= min && n <= max => n,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max => n,
            _ => null,
        };

    private static string Partition(string topic, int partition)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString(TopicKey, topic);
            writer.WriteNumber(PartitionKey, partition);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Offset(long offset) => string.Create(CultureInfo.InvariantCulture, $"{{\"{OffsetKey}\":{offset}}}");
}
