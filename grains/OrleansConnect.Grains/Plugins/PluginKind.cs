namespace OrleansConnect.Grains.Plugins;

/// <summary>The kinds of plugin, with the type names Kafka's <c>/connector-plugins</c> shows.</summary>
internal enum PluginKind
{
    Source,
    Sink,
    Converter,
    HeaderConverter,
    Transformation,
    Predicate,
}
