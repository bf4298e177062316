using System.Text.RegularExpressions;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Transforms.Util;

namespace OrleansConnect.Plugins.Transforms;

/// <summary>
/// Renames the topic when <c>regex</c> matches the whole topic name, as Kafka's <c>RegexRouter</c>: the topic becomes
/// the first match replaced by <c>replacement</c>, where <c>$1</c> and <c>${name}</c> refer to groups. Other records pass
/// through unchanged.
/// </summary>
[PluginAlias("org.apache.kafka.connect.transforms.RegexRouter")]
public sealed class RegexRouter : ITransformation
{
    public const string RegexConfig = "regex";
    public const string ReplacementConfig = "replacement";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(RegexConfig, ConfigType.String, ConfigDef.NoDefaultValue, TransformValidators.Regex(), Importance.High, "Regular expression to use for matching.")
        .Define(ReplacementConfig, ConfigType.String, ConfigDef.NoDefaultValue, Importance.High, "Replacement string.");

    private Regex? _regex;
    private string _replacement = string.Empty;

    /// <inheritdoc />
    public ConfigDef Config => Definition;

    /// <inheritdoc />
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = new AbstractConfig(Definition, configs);
        _regex = TransformValidators.WholeMatch(config.GetString(RegexConfig)!);
        _replacement = config.GetString(ReplacementConfig)!;
    }

    /// <inheritdoc />
    public ConnectRecord? Apply(ConnectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_regex is null || !_regex.IsMatch(record.Topic))
        {
            return record;
        }

        var topic = _regex.Replace(record.Topic, _replacement, 1);
        return record.NewRecord(topic, record.KafkaPartition, record.KeySchema, record.Key, record.ValueSchema, record.Value, record.Timestamp);
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
