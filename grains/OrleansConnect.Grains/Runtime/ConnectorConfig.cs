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

    /// <summary>The keys of every connector, with the <c>errors.*</c> family.</summary>
    public static ConfigDef Common { get; } = ErrorHandlingConfig.Define(new ConfigDef()
        .Define(NameConfig, ConfigType.String, ConfigDef.NoDefaultValue, Validators.All(Validators.NonEmptyString(), NoControlCharacters()), Importance.High,
            "Globally unique name to use for this connector.", CommonGroup, 1, Width.Medium, "Connector name")
        .Define(ConnectorClassConfig, ConfigType.String, ConfigDef.NoDefaultValue, null, Importance.High,
            "Name or alias of the class for this connector: a full .NET type name, its simple name, or the Kafka Java class name of an equivalent connector.",
            CommonGroup, 2, Width.Long, "Connector class")
        .Define(TasksMaxConfig, ConfigType.Int, 1, Validators.AtLeast(1), Importance.High,
            "Maximum number of tasks to use for this connector.", CommonGroup, 3, Width.Short, "Tasks max")
        .Define(KeyConverterConfig, ConfigType.Class, null, null, Importance.Low,
            "Converter class used to convert between Kafka Connect format and the serialized form that is written to Kafka. Overrides the worker's key converter.",
            CommonGroup, 4, Width.Short, "Key converter class")
        .Define(ValueConverterConfig, ConfigType.Class, null, null, Importance.Low,
            "Converter class used to convert between Kafka Connect format and the serialized form that is written to Kafka. Overrides the worker's value converter.",
            CommonGroup, 5, Width.Short, "Value converter class")
        .Define(HeaderConverterConfig, ConfigType.Class, null, null, Importance.Low,
            "HeaderConverter class used to convert between Kafka Connect format and the serialized form that is written to Kafka. Overrides the worker's header converter.",
            CommonGroup, 6, Width.Short, "Header converter class")
        .Define(TransformsConfig, ConfigType.List, string.Empty, UniqueAliases(TransformsConfig), Importance.Low,
            "Aliases for the transformations to be applied to records, in order.", TransformsGroup, 7, Width.Long, "Transforms")
        .Define(PredicatesConfig, ConfigType.List, string.Empty, UniqueAliases(PredicatesConfig), Importance.Low,
            "Aliases for the predicates used by transformations.", PredicatesGroup, 8, Width.Long, "Predicates"));

    /// <summary>The keys of sink connectors: the common ones plus the topic selection and the dead letter queue.</summary>
    public static ConfigDef Sink { get; } = ErrorHandlingConfig.DefineSink(new ConfigDef()
        .Merge(Common))
        .Define(SinkConnector.TopicsConfig, ConfigType.List, string.Empty, null, Importance.High,
            "List of topics to consume, separated by commas.", CommonGroup, 4, Width.Long, "Topics")
        .Define(SinkConnector.TopicsRegexConfig, ConfigType.String, string.Empty, null, Importance.High,
            "Regular expression giving topics to consume. Only one of topics or topics.regex should be specified.",
            CommonGroup, 4, Width.Long, "Topics regex");

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
