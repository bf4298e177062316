using OrleansConnect.Grains.Plugins;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Connector;

namespace OrleansConnect.Grains.Runtime;

/// <summary>
/// Validates a whole connector configuration as Kafka's <c>AbstractHerder.validateConnectorConfig</c> does: the
/// common keys, the connector's own keys and checks, the sink topic rules, and the keys of every configured
/// converter, transformation and predicate. Every error names its key.
/// </summary>
internal sealed class ConnectorValidator(PluginRegistry registry)
{
    public ConnectorValidation Validate(IReadOnlyDictionary<string, string> config)
    {
        var errors = new List<KeyError>();
        if (!config.TryGetValue(ConnectorConfig.ConnectorClassConfig, out var className) || string.IsNullOrWhiteSpace(className))
        {
            errors.Add(new(ConnectorConfig.ConnectorClassConfig, $"Missing required configuration \"{ConnectorConfig.ConnectorClassConfig}\" which has no default value."));
            return new ConnectorValidation(null, errors);
        }

        PluginDescriptor plugin;
        try
        {
            plugin = registry.ResolveConnector(className);
        }
        catch (ConfigException e)
        {
            errors.Add(new(ConnectorConfig.ConnectorClassConfig, e.Message));
            return new ConnectorValidation(null, errors);
        }

        var common = plugin.Kind == PluginKind.Sink ? ConnectorConfig.Sink : ConnectorConfig.Common;
        AddErrors(errors, string.Empty, common.Validate(config));
        if (plugin.Kind == PluginKind.Sink)
        {
            errors.AddRange(ConnectorConfig.ValidateSinkTopics(config).Concat(ConnectorConfig.ValidateDeadLetterQueue(config)).Select(e => new KeyError(e.Key, e.Error)));
        }

        var connector = registry.Create<Connector>(plugin);
        IReadOnlyList<ConfigValue> own;
        try
        {
            own = connector.Validate(config);
        }
        catch (ConfigException e)
        {
            errors.Add(new(e.Name ?? ConnectorConfig.ConnectorClassConfig, e.Message));
            own = [];
        }

        AddErrors(errors, string.Empty, own.Where(v => common.Find(v.Name) is null));
        ValidateConverter(errors, config, PluginKind.Converter, ConnectorConfig.KeyConverterConfig);
        ValidateConverter(errors, config, PluginKind.Converter, ConnectorConfig.ValueConverterConfig);
        ValidateConverter(errors, config, PluginKind.HeaderConverter, ConnectorConfig.HeaderConverterConfig);
        var predicates = ValidateAliases(errors, config, ConnectorConfig.PredicatesConfig, ConnectorConfig.PredicatesPrefix, PluginKind.Predicate);
        var transforms = ValidateAliases(errors, config, ConnectorConfig.TransformsConfig, ConnectorConfig.TransformsPrefix, PluginKind.Transformation);
        foreach (var alias in transforms)
        {
            var prefix = ConnectorConfig.TransformsPrefix + alias + ".";
            var predicateKey = prefix + ConnectorConfig.PredicateSuffix;
            var hasPredicate = config.TryGetValue(predicateKey, out var predicate) && predicate.Length > 0;
            if (hasPredicate && !predicates.Contains(predicate!))
            {
                errors.Add(new(predicateKey, $"Invalid value {predicate} for configuration {predicateKey}: the predicate must be one of the aliases in {ConnectorConfig.PredicatesConfig}"));
            }

            var negateKey = prefix + ConnectorConfig.NegateSuffix;
            if (config.TryGetValue(negateKey, out var negate))
            {
                try
                {
                    ConfigDef.ParseType(negateKey, negate, ConfigType.Boolean);
                    if (!hasPredicate)
                    {
                        errors.Add(new(negateKey, $"Invalid value {negate} for configuration {negateKey}: {negateKey} can only be used together with {predicateKey}"));
                    }
                }
                catch (ConfigException e)
                {
                    errors.Add(new(negateKey, e.Message));
                }
            }
        }

        return new ConnectorValidation(plugin, errors);
    }

    private void ValidateConverter(List<KeyError> errors, IReadOnlyDictionary<string, string> config, PluginKind kind, string key)
    {
        if (!config.TryGetValue(key, out var className) || className.Trim().Length == 0)
        {
            return;
        }

        var plugin = registry.TryResolve(kind, className);
        if (plugin is null)
        {
            errors.Add(new(key, registry.ResolveErrorMessage(kind, className, key)));
            return;
        }

        var settings = AbstractConfig.WithPrefix(config, key + ".");
        var definition = kind == PluginKind.Converter
            ? registry.Create<OrleansConnect.Plugins.Storage.IConverter>(plugin).Config
            : registry.Create<OrleansConnect.Plugins.Storage.IHeaderConverter>(plugin).Config;
        AddErrors(errors, key + ".", definition.Validate(settings));
    }

    private HashSet<string> ValidateAliases(List<KeyError> errors, IReadOnlyDictionary<string, string> config, string listKey, string prefix, PluginKind kind)
    {
        var aliases = new HashSet<string>(StringComparer.Ordinal);
        if (!config.TryGetValue(listKey, out var list))
        {
            return aliases;
        }

        foreach (var alias in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            aliases.Add(alias);
            var typeKey = prefix + alias + "." + ConnectorConfig.TypeSuffix;
            if (!config.TryGetValue(typeKey, out var className) || className.Trim().Length == 0)
            {
                errors.Add(new(typeKey, $"Missing required configuration \"{typeKey}\" which has no default value."));
                continue;
            }

            var plugin = registry.TryResolve(kind, className);
            if (plugin is null)
            {
                errors.Add(new(typeKey, registry.ResolveErrorMessage(kind, className, typeKey)));
                continue;
            }

            var settings = TransformationChain.PluginSettings(config, prefix + alias + ".");
            IReadOnlyList<ConfigValue> values;
            if (kind == PluginKind.Transformation)
            {
                using var transform = registry.Create<OrleansConnect.Plugins.Transforms.ITransformation>(plugin);
                values = transform.Config.Validate(settings);
            }
            else
            {
                using var predicate = registry.Create<OrleansConnect.Plugins.Transforms.IPredicate>(plugin);
                values = predicate.Config.Validate(settings);
            }

            AddErrors(errors, prefix + alias + ".", values);
        }

        return aliases;
    }

    private static void AddErrors(List<KeyError> errors, string prefix, IEnumerable<ConfigValue> values)
    {
        foreach (var value in values)
        {
            errors.AddRange(value.ErrorMessages.Select(m => new KeyError(prefix + value.Name, m)));
        }
    }
}
