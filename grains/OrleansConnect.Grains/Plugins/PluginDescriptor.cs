namespace OrleansConnect.Grains.Plugins;

/// <summary>One installed plugin: its type, kind, the names it answers to and the name it is listed under.</summary>
internal sealed record PluginDescriptor(Type Type, PluginKind Kind, string DisplayName, IReadOnlyList<string> Names, string Version)
{
    public string KindName => Kind switch
    {
        PluginKind.Source => "source",
        PluginKind.Sink => "sink",
        PluginKind.Converter => "converter",
        PluginKind.HeaderConverter => "header_converter",
        PluginKind.Transformation => "transformation",
        _ => "predicate",
    };
}
