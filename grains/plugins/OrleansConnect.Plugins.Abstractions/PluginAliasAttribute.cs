namespace OrleansConnect.Plugins;

/// <summary>
/// Another name a plugin answers to in <c>connector.class</c>, <c>*.converter</c>, <c>transforms.*.type</c> and
/// <c>predicates.*.type</c>, usually the Kafka Java class name of the equivalent plugin
/// (<c>org.apache.kafka.connect.file.FileStreamSourceConnector</c>), so that existing connector JSON runs unchanged.
/// </summary>
/// <param name="alias">The alias, matched exactly.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class PluginAliasAttribute(string alias) : Attribute
{
    /// <summary>The alias.</summary>
    public string Alias { get; } = alias;
}
