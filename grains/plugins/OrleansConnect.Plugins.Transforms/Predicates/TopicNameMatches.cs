using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Transforms.Util;

namespace OrleansConnect.Plugins.Transforms.Predicates;

/// <summary>True when <c>pattern</c> matches the whole topic name, as Kafka's <c>TopicNameMatches</c> predicate.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.predicates.TopicNameMatches")]
public sealed class TopicNameMatches : IPredicate
{
    public const string PatternConfig = "pattern";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(
            PatternConfig,
            ConfigType.String,
            ConfigDef.NoDefaultValue,
            Validators.All(Validators.NonEmptyString(), TransformValidators.Regex()),
            Importance.Medium,
            "A Java regular expression for matching against the name of a record's topic.");

    private JavaRegex? _pattern;

    /// <inheritdoc />
    public ConfigDef Config => Definition;

    /// <inheritdoc />
    public void Configure(IReadOnlyDictionary<string, string> configs) =>
        _pattern = JavaRegex.CompileWholeMatch(new AbstractConfig(Definition, configs).GetString(PatternConfig)!);

    /// <inheritdoc />
    public bool Test(ConnectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return _pattern is not null && _pattern.Regex.IsMatch(record.Topic);
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
