using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.Transforms;

/// <summary>
/// Drops every record it is applied to, as Kafka's <c>Filter</c> (KIP-585). Meant to be used with a predicate:
/// <c>transforms.x.predicate=p</c> drops only the records <c>p</c> matches (or, with <c>negate=true</c>, those it does not).
/// </summary>
[PluginAlias("org.apache.kafka.connect.transforms.Filter")]
public sealed class Filter : ITransformation
{
    private static readonly ConfigDef Definition = new();

    /// <inheritdoc />
    public ConfigDef Config => Definition;

    /// <inheritdoc />
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
    }

    /// <inheritdoc />
    public ConnectRecord? Apply(ConnectRecord record) => null;

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
