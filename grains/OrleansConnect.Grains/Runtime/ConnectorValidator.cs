using OrleansConnect.Grains.Plugins;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Connector;

namespace OrleansConnect.Grains.Runtime;

/// <summary>
/// Validates a whole connector configuration as Kafka's <c>AbstractHerder.validateConnectorConfig</c> does: the
/// common keys, the connector's own keys and checks, the sink topic rules, and the keys of every configured
/// converter, transformation and predicate. Every error names its key. Alongside the errors it collects every key's
/// definition and value for <c>/config/validate</c> (<see cref="ConfigInfosBuilder"/>), with the keys of each
/// transformation and predicate prefixed and grouped as Kafka's <c>ConnectorConfig.enrich</c> does.
/// </summary>
internal sealed class ConnectorValidator(PluginRegistry registry)
{
    public const string NullValueError = "Null value can not be supplied as the configuration value.";

    /// <param name="config">The configuration.</param>
    /// <param name="nullKeys">Keys a request gave a null value (Kafka's "Null value can not be supplied" error on each).</param>
    public ConnectorValidation Validate(IReadOnlyDictionary<string, string> config, IReadOnlyCollection<string>? nullKeys = null)
    {
        var errors = new Collector(config, nullKeys ?? []);

        if (!config.TryGetValue(ConnectorConfig.ConnectorClassConfig, out var className) || string.IsNullOrWhiteSpace(className))
        {
            errors.Add(new(ConnectorConfig.ConnectorClassConfig, $"Missing required configuration \"{ConnectorConfig.ConnectorClassConfig}\" which has no default value."));
            return errors.Result(null, className ?? string.Empty);
        }

        PluginDescriptor plugin;
        try
        {
            plugin = registry.ResolveConnector(className);
        }
        catch (ConfigException e)
        {
            errors.Add(new(ConnectorConfig.ConnectorClassConfig, e.Message));
            return errors.Result(null, className);
        }

        var common = plugin.Kind == PluginKind.Sink ? ConnectorConfig.Sink : ConnectorConfig.Source;
        errors.Infos.Define(common);
        var commonValues = common.Validate(config);
        AddErrors(errors, string.Empty, commonValues);
        var crossKey = plugin.Kind == PluginKind.Sink
            ? ConnectorConfig.ValidateSinkTopics(config).Concat(ConnectorConfig.ValidateDeadLetterQueue(config))
            : ConnectorConfig.ValidateSourceExactlyOnce(config).Where(e => commonValues.First(v => v.Name == e.Key).ErrorMessages.Count == 0);
        foreach (var (key, error) in crossKey)
        {
            errors.Add(new(key, error));
        }

        var connector = registry.Create<Connector>(plugin);
        errors.Infos.Define(connector.Config);
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
        ValidatePlugins(errors, config);
        return errors.Result(plugin, className);
    }

    /// <summary>
    /// Validates only the converter, transformation and predicate keys of a connector config (the transformation
    /// preview's config): unique aliases, each alias's <c>type</c>, its own keys, <c>predicate</c> and <c>negate</c>.
    /// </summary>
    public IReadOnlyList<KeyError> ValidatePlugins(IReadOnlyDictionary<string, string> config)
    {
        var errors = new Collector(config);
        string[] lists = [ConnectorConfig.TransformsConfig, ConnectorConfig.PredicatesConfig];
        AddErrors(errors, string.Empty, ConnectorConfig.Common.Validate(config).Where(v => lists.Contains(v.Name)));
        ValidatePlugins(errors, config);
        return errors.Errors;
    }

    private void ValidatePlugins(Collector errors, IReadOnlyDictionary<string, string> config)
    {
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
    }

    private void ValidateConverter(Collector errors, IReadOnlyDictionary<string, string> config, PluginKind kind, string key)
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
        errors.Infos.Define(definition, key + ".");
        AddErrors(errors, key + ".", definition.Validate(settings));
    }

    private HashSet<string> ValidateAliases(Collector errors, IReadOnlyDictionary<string, string> config, string listKey, string prefix, PluginKind kind)
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
            var group = (kind == PluginKind.Transformation ? "Transforms: " : "Predicates: ") + alias;
            errors.Infos.Define(AliasKeys(kind, alias), prefix + alias + ".", group);
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
                errors.Infos.Define(transform.Config, prefix + alias + ".", group);
                values = transform.Config.Validate(settings);
            }
            else
            {
                using var predicate = registry.Create<OrleansConnect.Plugins.Transforms.IPredicate>(plugin);
                errors.Infos.Define(predicate.Config, prefix + alias + ".", group);
                values = predicate.Config.Validate(settings);
            }

            AddErrors(errors, prefix + alias + ".", values);
        }

        return aliases;
    }

    private static void AddErrors(Collector errors, string prefix, IEnumerable<ConfigValue> values)
    {
        var list = values.ToList();
        errors.Infos.AddValues(prefix, list);
        foreach (var value in list)
        {
            errors.Errors.AddRange(value.ErrorMessages.Select(m => new KeyError(prefix + value.Name, ConfigInfosBuilder.Prefixed(m, prefix, value.Name))));
        }
    }

    /// <summary>
    /// The keys the runtime adds for each alias (Kafka's <c>ConnectorConfig.enrich</c>): <c>type</c>, and for a
    /// transformation <c>predicate</c> and <c>negate</c>. Their values are checked by hand above, so no validators.
    /// </summary>
    private static ConfigDef AliasKeys(PluginKind kind, string alias)
    {
        var what = kind == PluginKind.Transformation ? "transformation" : "predicate";
        var keys = new ConfigDef().Define(ConnectorConfig.TypeSuffix, ConfigType.Class, ConfigDef.NoDefaultValue, null, Importance.High,
            $"Class for the '{alias}' {what}.", null, -1, Width.Long, $"{(kind == PluginKind.Transformation ? "Transformation" : "Predicate")} type for {alias}");
        return kind != PluginKind.Transformation
            ? keys
            : keys
                .Define(ConnectorConfig.PredicateSuffix, ConfigType.String, null, null, Importance.Medium,
                    "The alias of a predicate used to determine whether to apply this transformation.", null, -1, Width.Medium, $"Predicate for {alias}")
                .Define(ConnectorConfig.NegateSuffix, ConfigType.Boolean, false, null, Importance.Medium,
                    "Whether the configured predicate should be negated.", null, -1, Width.Short, $"Negate predicate for {alias}");
    }

    /// <summary>The errors in the order they are found (the 400 of a create lists them so) and the ConfigInfos being built.</summary>
    private sealed class Collector(IReadOnlyDictionary<string, string> config, IReadOnlyCollection<string>? nullKeys = null)
    {
        public List<KeyError> Errors { get; } = [];

        public ConfigInfosBuilder Infos { get; } = new(config);

        public void Add(KeyError error)
        {
            Errors.Add(error);
            Infos.AddError(error.Key, error.Message);
        }

        /// <summary>The outcome; the null-value errors come last, once every key is defined, so each lands on its definition.</summary>
        public ConnectorValidation Result(PluginDescriptor? plugin, string className)
        {
            foreach (var key in nullKeys ?? [])
            {
                Add(new(key, NullValueError));
            }

            return new(plugin, Errors, Infos.Build(className));
        }
    }
}
