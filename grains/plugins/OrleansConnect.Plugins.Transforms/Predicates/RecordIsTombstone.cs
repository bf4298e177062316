using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.Transforms.Predicates;

/// <summary>True when the record value is null (a tombstone), as Kafka's <c>RecordIsTombstone</c> predicate.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.predicates.RecordIsTombstone")]
public sealed class RecordIsTombstone : IPredicate
{
    private static readonly ConfigDef Definition = new();

    /// <inheritdoc />
    public ConfigDef Config => Definition;

    /// <inheritdoc />
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
    }

    /// <inheritdoc />
    public bool Test(ConnectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Value is null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
