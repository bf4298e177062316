namespace OrleansConnect.Grains;

/// <summary>A plugin the cluster can run (Kafka's <c>PluginInfo</c>).</summary>
/// <param name="ClassName">The class name users put in configs (the Kafka alias where there is one).</param>
/// <param name="Type">source, sink, converter, header_converter, transformation or predicate.</param>
/// <param name="Version">The plugin version.</param>
[GenerateSerializer, Immutable, Alias("oc.PluginInfo")]
public sealed record PluginInfo([property: Id(0)] string ClassName, [property: Id(1)] string Type, [property: Id(2)] string Version);
