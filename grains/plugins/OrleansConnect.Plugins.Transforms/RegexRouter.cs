using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Transforms.Util;

namespace OrleansConnect.Plugins.Transforms;

/// <summary>
/// Renames the topic when <c>regex</c> matches the whole topic name, as Kafka's <c>RegexRouter</c>: the topic becomes
/// the match replaced by <c>replacement</c>. Both are Java's: the pattern a <c>java.util.regex.Pattern</c> (see
/// <see cref="JavaRegex"/>), the replacement in <c>Matcher.appendReplacement</c> syntax (<c>$1</c>, <c>${name}</c>,
/// <c>\$</c>; see <see cref="JavaReplacement"/>). Other records pass through unchanged.
/// </summary>
[PluginAlias("org.apache.kafka.connect.transforms.RegexRouter")]
public sealed class RegexRouter : ITransformation
{
    public const string RegexConfig = "regex";
    public const string ReplacementConfig = "replacement";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(RegexConfig, ConfigType.String, ConfigDef.NoDefaultValue, TransformValidators.Regex(), Importance.High, "Regular expression to use for matching.")
        .Define(ReplacementConfig, ConfigType.String, ConfigDef.NoDefaultValue, Importance.High, "Replacement string.");

    private JavaRegex? _regex;
    private JavaReplacement? _replacement;

    /// <inheritdoc />
    public ConfigDef Config => Definition;

    /// <inheritdoc />
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = new AbstractConfig(Definition, configs);
        _regex = JavaRegex.CompileWholeMatch(config.GetString(RegexConfig)!);
        var replacement = config.GetString(ReplacementConfig)!;
        try
        {
            // Kafka fails each routed record on a bad replacement (replaceFirst throws); every matching record would
            // fail the same way, so it is refused up front.
            _replacement = JavaReplacement.Parse(replacement, _regex);
        }
        catch (ArgumentException e)
        {
            throw new ConfigException(ReplacementConfig, replacement, e.Message);
        }
    }

    /// <inheritdoc />
    public ConnectRecord? Apply(ConnectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var match = _regex?.Regex.Match(record.Topic);
        if (match is not { Success: true })
        {
            return record;
        }

        var topic = _replacement!.Expand(match);
        return record.NewRecord(topic, record.KafkaPartition, record.KeySchema, record.Key, record.ValueSchema, record.Value, record.Timestamp);
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
