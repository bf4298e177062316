using Confluent.Kafka;
using Confluent.Kafka.Admin;
using OrleansConnect.Plugins.Errors;

namespace OrleansConnect.Plugins.Mirror;

/// <summary>
/// The Kafka clients MirrorMaker builds of its settings, and the admin calls it makes. Topics and partitions come from
/// metadata (which every broker answers, the embedded Kafka too) rather than the admin API.
/// </summary>
internal static class MirrorClients
{
    public static IAdminClient Admin(IReadOnlyDictionary<string, string> settings, string what) =>
        Build(what, () => new AdminClientBuilder(settings).Build());

    public static IConsumer<byte[]?, byte[]?> Consumer(IReadOnlyDictionary<string, string> settings, string what) =>
        Build(what, () => new ConsumerBuilder<byte[]?, byte[]?>(settings).Build());

    public static IProducer<byte[]?, byte[]?> Producer(IReadOnlyDictionary<string, string> settings, string what) =>
        Build(what, () => new ProducerBuilder<byte[]?, byte[]?>(settings).Build());

    /// <summary>Every topic of the cluster with its partition count (topics whose metadata has an error are left out).</summary>
    public static Dictionary<string, int> Topics(IAdminClient admin, TimeSpan timeout)
    {
        var metadata = admin.GetMetadata(timeout);
        return metadata.Topics
            .Where(t => t.Error.Code == ErrorCode.NoError && t.Partitions.Count > 0)
            .ToDictionary(t => t.Topic, t => t.Partitions.Count, StringComparer.Ordinal);
    }

    /// <summary>
    /// Creates topics; one that exists is fine. A broker without the CreateTopics API (the embedded Kafka), or one that
    /// refuses, leaves the topic to be auto-created by the first write, as Kafka's MirrorMaker falls back to.
    /// </summary>
    /// <returns>The topics that could not be created, with why.</returns>
    public static async Task<IReadOnlyList<string>> CreateTopicsAsync(IAdminClient admin, IReadOnlyCollection<TopicSpecification> topics, TimeSpan timeout)
    {
        if (topics.Count == 0)
        {
            return [];
        }

        try
        {
            await admin.CreateTopicsAsync(topics, new CreateTopicsOptions { RequestTimeout = timeout, OperationTimeout = timeout }).ConfigureAwait(false);
            return [];
        }
        catch (CreateTopicsException e)
        {
            return e.Results.Where(r => r.Error.Code is not (ErrorCode.NoError or ErrorCode.TopicAlreadyExists)).Select(r => $"{r.Topic}: {r.Error.Reason}").ToArray();
        }
        catch (KafkaException e)
        {
            return topics.Select(t => $"{t.Name}: {e.Error.Reason}").ToArray();
        }
    }

    private static T Build<T>(string what, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (Exception e) when (e is ArgumentException or KafkaException or InvalidOperationException)
        {
            throw new ConnectException($"Could not create the {what} Kafka client: {e.Message}", e);
        }
    }
}
