using System.Collections.Concurrent;
using System.Globalization;
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
    /// <summary>The consumer key of the position policy (Kafka's and librdkafka's name).</summary>
    public const string AutoOffsetResetConfig = "auto.offset.reset";

    /// <summary>Kafka's "fail rather than reset" policy.</summary>
    public const string AutoOffsetResetNone = "none";

    /// <summary>How often a sink consumer looks for topics created since (librdkafka's default is five minutes).</summary>
    public const int SinkMetadataRefreshIntervalMs = 10_000;

    private const string MetadataRefreshIntervalConfig = "topic.metadata.refresh.interval.ms";

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
            LogEmbeddedStarted(_logger, BootstrapServers, KafkaOptions.EmbeddedRetentionBytesPerPartition / (1024 * 1024), KafkaOptions.EmbeddedRetentionBatchesPerPartition);
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
    /// Makes sure a topic the runtime is about to produce to exists with one partition on the embedded cluster (the
    /// mock would auto-create it with four, losing order). A real cluster creates topics by its own rules. Never for a
    /// topic a sink subscribes to: a consumer does not create topics, on a real broker or here.
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

    /// <summary>
    /// A sink consumer's config. <c>auto.offset.reset</c> defaults to <c>earliest</c> as in Kafka Connect; Kafka's
    /// <c>none</c>, which librdkafka does not know, becomes librdkafka's <c>error</c>: a partition with no committed
    /// offset, or whose position is no longer in the log, then raises an error instead of resetting. The metadata
    /// refresh defaults to <see cref="SinkMetadataRefreshIntervalMs"/>, so a subscribed topic created later, or a new
    /// topic that <c>topics.regex</c> matches, is consumed within seconds rather than librdkafka's five minutes.
    /// </summary>
    public ConsumerConfig ConsumerConfig(string groupId, string clientId, IReadOnlyDictionary<string, string> overrides)
    {
        var settings = Merge(_options.Consumer, overrides);
        settings["group.id"] = settings.GetValueOrDefault("group.id", groupId);
        var reset = settings.GetValueOrDefault(AutoOffsetResetConfig, "earliest");
        settings[AutoOffsetResetConfig] = reset.Equals(AutoOffsetResetNone, StringComparison.OrdinalIgnoreCase) ? "error" : reset;
        settings[MetadataRefreshIntervalConfig] = settings.GetValueOrDefault(MetadataRefreshIntervalConfig, SinkMetadataRefreshIntervalMs.ToString(CultureInfo.InvariantCulture));
        settings["enable.auto.commit"] = "false";
        settings["enable.auto.offset.store"] = "false";
        settings["client.id"] = clientId;
        return new ConsumerConfig(settings);
    }

    /// <summary>
    /// A sink's <c>topics.regex</c> as a librdkafka subscription (one that starts with <c>^</c> is a regular expression
    /// there). Kafka matches the whole topic name (<c>Pattern.matcher(topic).matches()</c>), librdkafka searches within
    /// it: anchored at both ends, <c>.*-events</c> takes <c>user-events</c> and not <c>user-events-dlq</c>, as in Kafka.
    /// </summary>
    public static string RegexSubscription(string topicsRegex)
    {
        var regex = topicsRegex.Trim();
        regex = regex.StartsWith('^') ? regex[1..] : regex;
        regex = regex.EndsWith('$') && !regex.EndsWith("\\$", StringComparison.Ordinal) ? regex[..^1] : regex;
        return "^(" + regex + ")$";
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Kafka bootstrap servers configured: started the embedded Kafka cluster at {BootstrapServers} (in memory, for development and tests only; each partition keeps at most {RetentionMegabytes} MB or {RetentionBatches} record batches and deletes the oldest beyond that)")]
    private static partial void LogEmbeddedStarted(ILogger logger, string bootstrapServers, long retentionMegabytes, int retentionBatches);

    [LoggerMessage(Level = LogLevel.Information, Message = "Using the Kafka cluster at {BootstrapServers}")]
    private static partial void LogUsingCluster(ILogger logger, string bootstrapServers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the Kafka cluster id: {Reason}")]
    private static partial void LogClusterIdUnavailable(ILogger logger, string reason);
}
