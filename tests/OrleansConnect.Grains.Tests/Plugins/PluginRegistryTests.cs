using Microsoft.Extensions.Logging.Abstractions;
using OrleansConnect.Grains.Plugins;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.File;
using OrleansConnect.TestPlugins;

namespace OrleansConnect.Grains.Tests.Plugins;

public sealed class PluginRegistryTests
{
    internal static PluginRegistry Registry { get; } = new(
        [typeof(FileStreamSourceConnector).Assembly, typeof(OrleansConnect.Plugins.Converters.JsonConverter).Assembly, typeof(SequenceSourceConnector).Assembly],
        string.Empty,
        NullLogger<PluginRegistry>.Instance);

    [Theory]
    [InlineData("org.apache.kafka.connect.file.FileStreamSourceConnector")]
    [InlineData("FileStreamSourceConnector")]
    [InlineData("FileStreamSource")]
    [InlineData("OrleansConnect.Plugins.File.FileStreamSourceConnector")]
    public void ResolveConnector_AnyKnownName_FindsTheFileSource(string name)
    {
        var plugin = Registry.ResolveConnector(name);

        Assert.Equal(typeof(FileStreamSourceConnector), plugin.Type);
        Assert.Equal(PluginKind.Source, plugin.Kind);
    }

    [Fact]
    public void ResolveConnector_UnknownName_ListsAvailableConnectors()
    {
        var e = Assert.Throws<ConfigException>(() => Registry.ResolveConnector("com.example.Missing"));

        Assert.Equal("connector.class", e.Name);
        Assert.Contains("org.apache.kafka.connect.file.FileStreamSinkConnector", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("org.apache.kafka.connect.json.JsonConverter")]
    [InlineData("org.apache.kafka.connect.storage.StringConverter")]
    [InlineData("JsonConverter")]
    public void Resolve_ConverterNames_FindsConverter(string name)
    {
        var plugin = Registry.Resolve(PluginKind.Converter, name, "value.converter");

        Assert.Equal(PluginKind.Converter, plugin.Kind);
    }

    [Fact]
    public void Plugins_ListsConnectorsUnderTheirKafkaNames()
    {
        var names = Registry.Plugins.Where(p => p.Kind is PluginKind.Source or PluginKind.Sink).Select(p => p.DisplayName).ToList();

        Assert.Contains("org.apache.kafka.connect.file.FileStreamSourceConnector", names);
        Assert.Contains("org.apache.kafka.connect.file.FileStreamSinkConnector", names);
    }

    [Fact]
    public void Constructor_PluginPath_LoadsPluginsFromADirectory()
    {
        var directory = Directory.CreateTempSubdirectory("plugins-");
        try
        {
            var source = typeof(SequenceSourceConnector).Assembly.Location;
            var plugin = Directory.CreateDirectory(Path.Combine(directory.FullName, "sequence"));
            File.Copy(source, Path.Combine(plugin.FullName, Path.GetFileName(source)));

            var registry = new PluginRegistry([], directory.FullName, NullLogger<PluginRegistry>.Instance);

            var loaded = registry.ResolveConnector("SequenceSource");
            Assert.Equal(typeof(SequenceSourceConnector).FullName, loaded.Type.FullName);
            Assert.NotEqual(typeof(SequenceSourceConnector), loaded.Type);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Constructor_PluginFolderWithItsOwnSpiCopy_UsesTheHostSpiAndFindsThePlugins()
    {
        var directory = Directory.CreateTempSubdirectory("plugins-");
        try
        {
            // As `dotnet publish` lays a plugin out: the SPI dll beside the plugin's own.
            var plugin = Directory.CreateDirectory(Path.Combine(directory.FullName, "sequence"));
            foreach (var source in new[] { typeof(SequenceSourceConnector).Assembly.Location, typeof(OrleansConnect.Plugins.ConnectRecord).Assembly.Location })
            {
                File.Copy(source, Path.Combine(plugin.FullName, Path.GetFileName(source)));
            }

            var registry = new PluginRegistry([], directory.FullName, NullLogger<PluginRegistry>.Instance);

            var loaded = registry.ResolveConnector("SequenceSource");
            Assert.True(typeof(OrleansConnect.Plugins.Connector.Connector).IsAssignableFrom(loaded.Type));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
