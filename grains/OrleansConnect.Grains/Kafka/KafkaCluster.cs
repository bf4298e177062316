using System.Collections.Concurrent;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansConnect.Grains.Hosting;

namespace OrleansConnect.Grains.Kafka;

/// <summary>
/// The Kafka cluster this silo talks to: the configured one, or the embedded mock cluster started here when no
/// bootstrap servers are configured. Builds client configs: worker settings, then connector overrides, then the
/// settings the runtime forces. One per silo; thread-safe.
/// </summary>
internal sealed partial class KafkaCluster : IDisposable
{
    private readonly KafkaOptions _options;
    private readonly ILogger<KafkaCluster> _logger;
    private readonly ConcurrentDictionary<string, bool> _createdTopics = new(StringComparer.Ordinal);
    private readonly EmbeddedKafkaCluster? _embedded;
    private readonly bool _ownsEmbedded;

    public KafkaCluster(IOptions<KafkaOptions> options, ILogger<KafkaCluster> logger)
    {
        _options = options.Value;
        _logger = logger;
        if (string.IsNullOrWhiteSpace(_options.BootstrapServers))
        {
            _embedded = EmbeddedKafkaCluster.Start(Math.Max(1, _options.EmbeddedBrokers));
            _ownsEmbedded = true;
            BootstrapServers = _embedded.BootstrapServers;
            LogEmbeddedStarted(_logger, BootstrapServers);
        }
        else
        {
            BootstrapServers = _options.BootstrapServers.Trim();

            // An embedded cluster another host of this process started (tests share one): still create topics through it.
            _embedded = EmbeddedKafkaCluster.Find(BootstrapServers);
            LogUsingCluster(_logger, BootstrapServers);
        }
    }

    public string BootstrapServers { get; }

    /// <summary>The embedded cluster, or null when a real cluster is configured.</summary>
    public EmbeddedKafkaCluster? Embedded => _embedded;

    /// <summary>
    /// Makes sure a topic the runtime is about to use exists with one partition on the embedded cluster (the mock
    /// would auto-create it with four, losing order). A real cluster creates topics by its own rules.
    /// </summary>
    public void EnsureTopic(string topic)
    {
        if (_embedded is null || _createdTopics.ContainsKey(topic))
        {
            return;
        }

        _embedded.CreateTopic(topic, 1);
        _createdTopics.TryAdd(topic, true);
    }

    /// <summary>
    /// Creates a topic of one partition with the given replication factor unless it exists (a dead letter queue, as
    /// Kafka creates it). On the embedded cluster, through its mock API.
    /// </summary>
    public async Task CreateTopicIfMissingAsync(string topic, short replicationFactor)
    {
        if (_embedded is not null)
        {
            EnsureTopic(topic);
            return;
        }

        using var admin = new AdminClientBuilder(AdminConfig()).Build();
        try
        {
            await admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = 1, ReplicationFactor = replicationFactor }]).ConfigureAwait(false);
        }
        catch (CreateTopicsException e) when (e.Results.All(r => r.Error.Code is Confluent.Kafka.ErrorCode.NoError or Confluent.Kafka.ErrorCode.TopicAlreadyExists))
        {
        }
    }

    public ProducerConfig ProducerConfig(string clientId, IReadOnlyDictionary<string, string> overrides)
    {
        var settings = Merge(_options.Producer, overrides);
        settings["enable.idempotence"] = settings.GetValueOrDefault("enable.idempotence", "true");
        settings["acks"] = settings.GetValueOrDefault("acks", "all");
        settings["linger.ms"] = settings.GetValueOrDefault("linger.ms", "5");
        settings["client.id"] = clientId;
        return new ProducerConfig(settings);
    }

    public ConsumerConfig ConsumerConfig(string groupId, string clientId, IReadOnlyDictionary<string, string> overrides)
    {
        var settings = Merge(_options.Consumer, overrides);
        settings["group.id"] = settings.GetValueOrDefault("group.id", groupId);
        settings["auto.offset.reset"] = settings.GetValueOrDefault("auto.offset.reset", "earliest");
        settings["enable.auto.commit"] = "false";
        settings["enable.auto.offset.store"] = "false";
        settings["client.id"] = clientId;
        return new ConsumerConfig(settings);
    }

    public AdminClientConfig AdminConfig() => new(Merge(_options.Admin, new Dictionary<string, string>()));

    /// <summary>The cluster id as the brokers report it, or null when it cannot be read in time.</summary>
    public async Task<string?> GetClusterIdAsync(TimeSpan timeout)
    {
        if (_embedded is not null)
        {
            return _embedded.ClusterId;
        }

        try
        {
            using var admin = new AdminClientBuilder(AdminConfig()).Build();
            var cluster = await admin.DescribeClusterAsync(new Confluent.Kafka.Admin.DescribeClusterOptions { RequestTimeout = timeout }).ConfigureAwait(false);
            return cluster.ClusterId;
        }
        catch (KafkaException e)
        {
            LogClusterIdUnavailable(_logger, e.Error.Reason);
            return null;
        }
    }

    public void Dispose()
    {
        if (_ownsEmbedded)
        {
            _embedded?.Dispose();
        }
    }

    private Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> role, IReadOnlyDictionary<string, string> overrides)
    {
        var settings = new Dictionary<string, string>(_options.Client, StringComparer.Ordinal);
        foreach (var (key, value) in role.Concat(overrides))
        {
            settings[key] = value;
        }

        settings["bootstrap.servers"] = BootstrapServers;
        return settings;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Kafka bootstrap servers configured: started the embedded Kafka cluster at {BootstrapServers} (in memory, for development and tests only)")]
    private static partial void LogEmbeddedStarted(ILogger logger, string bootstrapServers);

    [LoggerMessage(Level = LogLevel.Information, Message = "Using the Kafka cluster at {BootstrapServers}")]
    private static partial void LogUsingCluster(ILogger logger, string bootstrapServers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the Kafka cluster id: {Reason}")]
    private static partial void LogClusterIdUnavailable(ILogger logger, string reason);
}
