using Confluent.Kafka;
using Confluent.Kafka.Admin;
using KafkaTopicPartition = Confluent.Kafka.TopicPartition;

namespace OrleansConnect.Plugins.Mirror;

/// <summary>
/// Copies topic configs from source topics to their remote topics, as Kafka's <c>MirrorSourceConnector</c> does with
/// <c>DefaultConfigPropertyFilter</c>: read-only, sensitive and static broker settings never, the keys of
/// <c>config.properties.exclude</c> never, and a value the source has by default is left to the target's default
/// (<c>use.defaults.from=target</c>, Kafka's default).
/// </summary>
internal static class TopicConfigSync
{
    /// <summary>The configs to create each topic with; topics whose configs cannot be read get none.</summary>
    public static async Task<Dictionary<string, Dictionary<string, string>>> SourceConfigsAsync(MirrorSourceConfig config, IAdminClient sourceAdmin, IReadOnlyCollection<string> topics)
    {
        var filter = config.ConfigPropertyFilter();
        var result = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var described in await DescribeAsync(config, sourceAdmin, topics).ConfigureAwait(false))
        {
            result[described.ConfigResource.Name] = described.Entries.Values
                .Where(e => !e.IsDefault && Replicable(e, filter))
                .ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
        }

        return result;
    }

    /// <summary>Sets each remote topic's replicable configs to the source's, and resets those the source has by default.</summary>
    public static async Task SyncAsync(MirrorSourceConfig config, IAdminClient sourceAdmin, IAdminClient targetAdmin, IReadOnlyList<KafkaTopicPartition> known)
    {
        var targetTopics = MirrorClients.Topics(targetAdmin, config.AdminTimeout);
        var replicated = known.Select(p => p.Topic).Distinct(StringComparer.Ordinal)
            .Where(t => targetTopics.ContainsKey(config.Policy.FormatRemoteTopic(config.SourceClusterAlias, t)))
            .ToArray();
        if (replicated.Length == 0)
        {
            return;
        }

        var filter = config.ConfigPropertyFilter();
        var changes = new Dictionary<ConfigResource, List<ConfigEntry>>();
        foreach (var described in await DescribeAsync(config, sourceAdmin, replicated).ConfigureAwait(false))
        {
            var remote = new ConfigResource { Type = ResourceType.Topic, Name = config.Policy.FormatRemoteTopic(config.SourceClusterAlias, described.ConfigResource.Name) };
            changes[remote] = described.Entries.Values
                .Where(e => Replicable(e, filter))
                .Select(e => new ConfigEntry
                {
                    Name = e.Name,
                    Value = e.Value,
                    IncrementalOperation = e.IsDefault ? AlterConfigOpType.Delete : AlterConfigOpType.Set,
                })
                .ToList();
        }

        if (changes.Count == 0)
        {
            return;
        }

        try
        {
            await targetAdmin.IncrementalAlterConfigsAsync(changes, new IncrementalAlterConfigsOptions { RequestTimeout = config.AdminTimeout }).ConfigureAwait(false);
        }
        catch (IncrementalAlterConfigsException)
        {
            // As Kafka: a topic whose configs the target refuses keeps them; the next interval tries again.
        }
    }

    private static bool Replicable(ConfigEntryResult entry, PatternFilter filter) =>
        !entry.IsReadOnly && !entry.IsSensitive && entry.Source != ConfigSource.StaticBrokerConfig && filter.Matches(entry.Name);

    private static async Task<IReadOnlyList<DescribeConfigsResult>> DescribeAsync(MirrorSourceConfig config, IAdminClient admin, IReadOnlyCollection<string> topics)
    {
        if (topics.Count == 0)
        {
            return [];
        }

        try
        {
            return await admin.DescribeConfigsAsync(
                topics.Select(t => new ConfigResource { Type = ResourceType.Topic, Name = t }),
                new DescribeConfigsOptions { RequestTimeout = config.AdminTimeout }).ConfigureAwait(false);
        }
        catch (DescribeConfigsException e)
        {
            return e.Results.Where(r => r.Error.Code == ErrorCode.NoError).Select(r => new DescribeConfigsResult { ConfigResource = r.ConfigResource, Entries = r.Entries }).ToArray();
        }
        catch (KafkaException)
        {
            // A cluster without DescribeConfigs (the embedded Kafka) or one that does not answer: no configs to copy.
            return [];
        }
    }
}
