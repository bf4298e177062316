using System.Collections.Immutable;
using OrleansConnect.Grains.Runtime.Errors;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Grains.Runtime;

/// <summary>The configuration keys every connector has (Kafka's <c>ConnectorConfig</c> and <c>SinkConnectorConfig</c>).</summary>
internal static class ConnectorConfig
{
    public const string NameConfig = "name";
    public const string ConnectorClassConfig = "connector.class";
    public const string TasksMaxConfig = "tasks.max";
    public const string TasksMaxEnforceConfig = "tasks.max.enforce";
    public const string TaskClassConfig = "task.class";
    public const string ConfigReloadActionConfig = "config.action.reload";
    public const string TopicCreationGroupsConfig = "topic.creation.groups";
    public const string ExactlyOnceSupportConfig = "exactly.once.support";
    public const string TransactionBoundaryConfig = "transaction.boundary";
    public const string TransactionBoundaryIntervalConfig = "transaction.boundary.interval.ms";
    public const string OffsetsStorageTopicConfig = "offsets.storage.topic";
    public const string KeyConverterConfig = "key.converter";
    public const string ValueConverterConfig = "value.converter";
    public const string HeaderConverterConfig = "header.converter";
    public const string TransformsConfig = "transforms";
    public const string PredicatesConfig = "predicates";
    public const string TransformsPrefix = "transforms.";
    public const string PredicatesPrefix = "predicates.";
    public const string TypeSuffix = "type";
    public const string PredicateSuffix = "predicate";
    public const string NegateSuffix = "negate";

    private const string CommonGroup = "Common";
    private const string TransformsGroup = "Transforms";
    private const string PredicatesGroup = "Predicates";
    private const string TopicCreationGroup = "Topic Creation";
    private const string ExactlyOnceSupportGroup = "Exactly Once Support";
    private const string OffsetsTopicGroup = "offsets.topic";

    /// <summary>Kafka's rule for names: a name with control characters cannot be addressed in a URL.</summary>
    private static IConfigValidator NoControlCharacters() => Validators.With(
        (name, value) =>
        {
            if (value is string text && text.Any(char.IsControl))
            {
                throw new ConfigException(name, text, "String may not contain control sequences");
            }
        },
        "non-empty string without ISO control characters");

    /// <summary>
    /// The keys of every connector, with the <c>errors.*</c> family: Kafka's <c>ConnectorConfig.configDef()</c>, in its
    /// order, groups and positions, so <c>GET /connector-plugins/{plugin}/config</c> and validation list what Kafka lists.
    /// </summary>
    public static ConfigDef Common { get; } = ErrorHandlingConfig.Define(new ConfigDef()
        .Define(NameConfig, ConfigType.String, ConfigDef.NoDefaultValue, Validators.All(Validators.NonEmptyString(), NoControlCharacters()), Importance.High,
            "Globally unique name to use for this connector.", CommonGroup, 1, Width.Medium, "Connector name")
        .Define(ConnectorClassConfig, ConfigType.String, ConfigDef.NoDefaultValue, null, Importance.High,
            "Name or alias of the class for this connector: a full .NET type name, its simple name, or the Kafka Java class name of an equivalent connector.",
            CommonGroup, 2, Width.Long, "Connector class")
        .Define(TasksMaxConfig, ConfigType.Int, 1, Validators.AtLeast(1), Importance.High,
            "Maximum number of tasks to use for this connector.", CommonGroup, 3, Width.Short, "Tasks max")
        .Define(TasksMaxEnforceConfig, ConfigType.Boolean, true, null, Importance.Low,
            "(Deprecated in Kafka) Whether a connector that generates more task configs than tasks.max fails. Not honoured yet: OrleansConnect always enforces tasks.max.",
            CommonGroup, 4, Width.Short, "Enforce tasks max")
        .Define(KeyConverterConfig, ConfigType.Class, null, null, Importance.Low,
            "Converter class used to convert between Kafka Connect format and the serialized form that is written to Kafka. Overrides the worker's key converter.",
            CommonGroup, 5, Width.Short, "Key converter class")
        .Define(ValueConverterConfig, ConfigType.Class, null, null, Importance.Low,
            "Converter class used to convert between Kafka Connect format and the serialized form that is written to Kafka. Overrides the worker's value converter.",
            CommonGroup, 6, Width.Short, "Value converter class")
        .Define(HeaderConverterConfig, ConfigType.Class, null, null, Importance.Low,
            "HeaderConverter class used to convert between Kafka Connect format and the serialized form that is written to Kafka. Overrides the worker's header converter.",
            CommonGroup, 7, Width.Short, "Header converter class")
        .Define(TransformsConfig, ConfigType.List, string.Empty, UniqueAliases(TransformsConfig), Importance.Low,
            "Aliases for the transformations to be applied to records, in order.", TransformsGroup, 8, Width.Long, "Transforms")
        .Define(PredicatesConfig, ConfigType.List, string.Empty, UniqueAliases(PredicatesConfig), Importance.Low,
            "Aliases for the predicates used by transformations.", PredicatesGroup, 9, Width.Long, "Predicates")
        .Define(ConfigReloadActionConfig, ConfigType.String, "restart", Validators.ValidString("none", "restart"), Importance.Low,
            "What to do when a configuration provider changes a value of this connector's config: 'none' or 'restart'. No effect yet: OrleansConnect has no configuration providers.",
            CommonGroup, 10, Width.Medium, "Reload Action"));

    /// <summary>
    /// The keys of source connectors: the common ones plus Kafka's <c>SourceConnectorConfig</c> keys (topic creation,
    /// exactly-once, a per-connector offsets topic). Listed and validated as Kafka does; their documentation says what
    /// the runtime does with them.
    /// </summary>
    public static ConfigDef Source { get; } = new ConfigDef()
        .Merge(Common)
        .Define(TopicCreationGroupsConfig, ConfigType.List, string.Empty, UniqueAliases("topic creation groups"), Importance.Low,
            "Groups of configurations for topics created by source connectors. Not honoured yet: the runtime does not create topics by topic.creation.* rules (Kafka's auto-creation, or the embedded Kafka's, applies).",
            TopicCreationGroup, 1, Width.Long, "Topic Creation Groups")
        .Define(ExactlyOnceSupportConfig, ConfigType.String, "requested", Validators.CaseInsensitiveValidString("requested", "required"), Importance.Medium,
            "Permitted values are requested, required. If set to \"required\", forces a preflight check that the connector can provide exactly-once semantics; OrleansConnect workers have no exactly-once source support, so \"required\" is refused, as on a Kafka worker without it.",
            ExactlyOnceSupportGroup, 2, Width.Short, "Exactly once support")
        .Define(TransactionBoundaryConfig, ConfigType.String, "poll", Validators.CaseInsensitiveValidString("poll", "interval", "connector"), Importance.Medium,
            "Permitted values are: poll, interval, connector. Producer transaction boundaries for exactly-once sources; no effect without exactly-once support, and 'connector' is refused (the SPI has no connector-defined transaction boundaries).",
            ExactlyOnceSupportGroup, 3, Width.Short, "Transaction Boundary")
        .Define(TransactionBoundaryIntervalConfig, ConfigType.Long, null, Validators.AtLeast(0), Importance.Low,
            "If 'transaction.boundary' is set to 'interval', the interval for producer transaction commits by connector tasks. No effect without exactly-once support.",
            ExactlyOnceSupportGroup, 4, Width.Short, "Transaction boundary interval")
        .Define(OffsetsStorageTopicConfig, ConfigType.String, null, NullOrNonEmpty(), Importance.Low,
            "The name of a separate offsets topic to use for this connector. No effect: OrleansConnect keeps source offsets in grain storage, not in a Kafka topic.",
            OffsetsTopicGroup, 1, Width.Long, "Offsets topic");

    /// <summary>The keys of sink connectors: the common ones plus the topic selection and the dead letter queue.</summary>
    public static ConfigDef Sink { get; } = ErrorHandlingConfig.DefineSink(new ConfigDef()
        .Merge(Common)
        .Define(SinkConnector.TopicsConfig, ConfigType.List, string.Empty, null, Importance.High,
            "List of topics to consume, separated by commas.", CommonGroup, 4, Width.Long, "Topics")
        .Define(SinkConnector.TopicsRegexConfig, ConfigType.String, string.Empty, null, Importance.High,
            "Regular expression giving topics to consume. Only one of topics or topics.regex should be specified.",
            CommonGroup, 4, Width.Long, "Topics regex"));

    /// <summary>
    /// The checks Kafka's distributed herder adds for sources on a worker without exactly-once source support (ours):
    /// <c>exactly.once.support=required</c> and <c>transaction.boundary=connector</c> are refused.
    /// </summary>
    public static IEnumerable<(string Key, string Error)> ValidateSourceExactlyOnce(IReadOnlyDictionary<string, string> props)
    {
        if (string.Equals(props.GetValueOrDefault(ExactlyOnceSupportConfig)?.Trim(), "required", StringComparison.OrdinalIgnoreCase))
        {
            yield return (ExactlyOnceSupportConfig, "This worker does not have exactly-once source support enabled.");
        }

        if (string.Equals(props.GetValueOrDefault(TransactionBoundaryConfig)?.Trim(), "connector", StringComparison.OrdinalIgnoreCase))
        {
            yield return (TransactionBoundaryConfig,
                "The connector does not support connector-defined transaction boundaries with the given configuration. Please reconfigure it to use a different transaction boundary definition.");
        }
    }

    /// <summary>
    /// A task's configuration as Kafka's <c>Worker.connectorTaskConfigs</c> makes it: what the connector generated, plus
    /// <c>task.class</c> (here the .NET type's full name) and the connector's <c>topics</c> / <c>topics.regex</c> when
    /// its config has them.
    /// </summary>
    public static ImmutableDictionary<string, string> TaskConfig(IReadOnlyDictionary<string, string> generated, Type taskType, IReadOnlyDictionary<string, string> connectorConfig)
    {
        var config = generated.ToImmutableDictionary(StringComparer.Ordinal).SetItem(TaskClassConfig, taskType.FullName ?? taskType.Name);
        foreach (var key in (ReadOnlySpan<string>)[SinkConnector.TopicsConfig, SinkConnector.TopicsRegexConfig])
        {
            if (connectorConfig.TryGetValue(key, out var value))
            {
                config = config.SetItem(key, value);
            }
        }

        return config;
    }

    /// <summary>Kafka's check that a sink does not consume its own dead letter queue.</summary>
    public static IEnumerable<(string Key, string Error)> ValidateDeadLetterQueue(IReadOnlyDictionary<string, string> props)
    {
        var dlq = props.GetValueOrDefault(ErrorHandlingConfig.DlqTopicConfig)?.Trim() ?? string.Empty;
        var topics = props.GetValueOrDefault(SinkConnector.TopicsConfig)?.Split(',', StringSplitOptions.TrimEntries) ?? [];
        if (dlq.Length > 0 && topics.Contains(dlq, StringComparer.Ordinal))
        {
            yield return (ErrorHandlingConfig.DlqTopicConfig,
                $"The DLQ topic '{dlq}' may not be included in the list of topics ('{SinkConnector.TopicsConfig}={props[SinkConnector.TopicsConfig]}') consumed by the connector");
        }
    }

    /// <summary>Kafka's cross-key checks on <c>topics</c> and <c>topics.regex</c>, as (key, error) pairs.</summary>
    public static IEnumerable<(string Key, string Error)> ValidateSinkTopics(IReadOnlyDictionary<string, string> props)
    {
        var hasTopics = props.TryGetValue(SinkConnector.TopicsConfig, out var topics) && topics.Trim().Length > 0;
        var hasRegex = props.TryGetValue(SinkConnector.TopicsRegexConfig, out var regex) && regex.Trim().Length > 0;
        if (hasTopics && hasRegex)
        {
            const string both = "topics and topics.regex are mutually exclusive options, but both are set.";
            yield return (SinkConnector.TopicsConfig, both);
            yield return (SinkConnector.TopicsRegexConfig, both);
        }
        else if (!hasTopics && !hasRegex)
        {
            const string neither = "Must configure one of topics or topics.regex";
            yield return (SinkConnector.TopicsConfig, neither);
            yield return (SinkConnector.TopicsRegexConfig, neither);
        }
        else if (hasRegex)
        {
            string? error = null;
            try
            {
                _ = new System.Text.RegularExpressions.Regex(regex!);
            }
            catch (ArgumentException e)
            {
                error = $"Invalid value {regex} for configuration {SinkConnector.TopicsRegexConfig}: {e.Message}";
            }

            if (error is not null)
            {
                yield return (SinkConnector.TopicsRegexConfig, error);
            }
        }
    }

    /// <summary>Kafka's <c>NonEmptyString</c>: null (unset) passes, an empty string does not.</summary>
    private static IConfigValidator NullOrNonEmpty() => Validators.With(
        (name, value) =>
        {
            if (value is string { Length: 0 })
            {
                throw new ConfigException(name, value, "String must be non-empty");
            }
        },
        "non-empty string");

    private static IConfigValidator UniqueAliases(string key) => Validators.With(
        (name, value) =>
        {
            if (value is IReadOnlyList<string> aliases && aliases.Distinct(StringComparer.Ordinal).Count() != aliases.Count)
            {
                throw new ConfigException(name, string.Join(",", aliases), "Duplicate alias provided.");
            }
        },
        "unique " + key + " aliases");
}
