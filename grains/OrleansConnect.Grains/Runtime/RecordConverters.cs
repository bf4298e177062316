using OrleansConnect.Grains.Hosting;
using OrleansConnect.Grains.Plugins;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Storage;

namespace OrleansConnect.Grains.Runtime;

/// <summary>
/// A task's key, value and header converters: the connector's own when it sets <c>key.converter</c> (configured from
/// its <c>key.converter.*</c> keys), else the worker's (configured from the worker's settings), as Kafka does.
/// </summary>
internal sealed record RecordConverters(IConverter Key, IConverter Value, IHeaderConverter Header)
{
    public static RecordConverters Create(PluginRegistry registry, WorkerOptions worker, IReadOnlyDictionary<string, string> config)
    {
        var key = CreateConverter(registry, config, ConnectorConfig.KeyConverterConfig, worker.KeyConverter, worker.KeyConverterSettings, isKey: true);
        var value = CreateConverter(registry, config, ConnectorConfig.ValueConverterConfig, worker.ValueConverter, worker.ValueConverterSettings, isKey: false);
        var (headerClass, headerSettings) = Choose(config, ConnectorConfig.HeaderConverterConfig, worker.HeaderConverter, worker.HeaderConverterSettings);
        var header = registry.Create<IHeaderConverter>(registry.Resolve(PluginKind.HeaderConverter, headerClass, ConnectorConfig.HeaderConverterConfig));
        header.Configure(headerSettings);
        return new RecordConverters(key, value, header);
    }

    private static IConverter CreateConverter(
        PluginRegistry registry,
        IReadOnlyDictionary<string, string> config,
        string key,
        string workerClass,
        IReadOnlyDictionary<string, string> workerSettings,
        bool isKey)
    {
        var (className, settings) = Choose(config, key, workerClass, workerSettings);
        var converter = registry.Create<IConverter>(registry.Resolve(PluginKind.Converter, className, key));
        converter.Configure(settings, isKey);
        return converter;
    }

    private static (string ClassName, IReadOnlyDictionary<string, string> Settings) Choose(
        IReadOnlyDictionary<string, string> config,
        string key,
        string workerClass,
        IReadOnlyDictionary<string, string> workerSettings) =>
        config.TryGetValue(key, out var own) && own.Trim().Length > 0
            ? (own, AbstractConfig.WithPrefix(config, key + "."))
            : (workerClass, workerSettings);
}
