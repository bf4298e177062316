using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.Transforms.Predicates;

/// <summary>True when the record has at least one header named <c>name</c>, as Kafka's <c>HasHeaderKey</c> predicate.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.predicates.HasHeaderKey")]
public sealed class HasHeaderKey : IPredicate
{
    public const string NameConfig = "name";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(NameConfig, ConfigType.String, ConfigDef.NoDefaultValue, Validators.NonEmptyString(), Importance.Medium, "The header name.");

    private string _name = string.Empty;

    /// <inheritdoc />
    public ConfigDef Config => Definition;

    /// <inheritdoc />
    public void Configure(IReadOnlyDictionary<string, string> configs) =>
        _name = new AbstractConfig(Definition, configs).GetString(NameConfig)!;

    /// <inheritdoc />
    public bool Test(ConnectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Headers.AllWithName(_name).Any();
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
