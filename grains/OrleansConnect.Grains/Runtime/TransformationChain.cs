using OrleansConnect.Grains.Plugins;
using OrleansConnect.Grains.Runtime.Errors;
using OrleansConnect.Plugins;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Transforms;

namespace OrleansConnect.Grains.Runtime;

/// <summary>
/// The connector's transformations in <c>transforms</c> order, each with its optional predicate and <c>negate</c>.
/// Built per task from the connector config; used from the task's loop thread only.
/// </summary>
internal sealed class TransformationChain : IDisposable
{
    private readonly List<Stage> _stages;
    private readonly List<IPredicate> _predicates;

    private TransformationChain(List<Stage> stages, List<IPredicate> predicates)
    {
        _stages = stages;
        _predicates = predicates;
    }

    public static TransformationChain Empty { get; } = new([], []);

    public int Count => _stages.Count;

    public static TransformationChain Create(PluginRegistry registry, IReadOnlyDictionary<string, string> config)
    {
        var predicates = new Dictionary<string, IPredicate>(StringComparer.Ordinal);
        foreach (var alias in Aliases(config, ConnectorConfig.PredicatesConfig))
        {
            var prefix = ConnectorConfig.PredicatesPrefix + alias + ".";
            var typeKey = prefix + ConnectorConfig.TypeSuffix;
            var predicate = registry.Create<IPredicate>(registry.Resolve(PluginKind.Predicate, Required(config, typeKey), typeKey));
            predicate.Configure(PluginSettings(config, prefix));
            predicates[alias] = predicate;
        }

        var stages = new List<Stage>();
        foreach (var alias in Aliases(config, ConnectorConfig.TransformsConfig))
        {
            var prefix = ConnectorConfig.TransformsPrefix + alias + ".";
            var typeKey = prefix + ConnectorConfig.TypeSuffix;
            var transform = registry.Create<ITransformation>(registry.Resolve(PluginKind.Transformation, Required(config, typeKey), typeKey));
            transform.Configure(PluginSettings(config, prefix));
            IPredicate? predicate = null;
            if (config.TryGetValue(prefix + ConnectorConfig.PredicateSuffix, out var predicateAlias) && predicateAlias.Length > 0)
            {
                predicate = predicates.GetValueOrDefault(predicateAlias)
                    ?? throw new ConfigException(prefix + ConnectorConfig.PredicateSuffix, predicateAlias, "the predicate must be one of the aliases in predicates");
            }

            var negate = config.TryGetValue(prefix + ConnectorConfig.NegateSuffix, out var n)
                && (bool)ConfigDef.ParseType(prefix + ConnectorConfig.NegateSuffix, n, ConfigType.Boolean)!;
            stages.Add(new Stage(alias, transform, predicate, negate));
        }

        return new TransformationChain(stages, [.. predicates.Values]);
    }

    /// <summary>A plugin's settings: its prefixed keys with the prefix removed, without <c>type</c>, <c>predicate</c> and <c>negate</c>.</summary>
    public static IReadOnlyDictionary<string, string> PluginSettings(IReadOnlyDictionary<string, string> config, string prefix) =>
        AbstractConfig.WithPrefix(config, prefix)
            .Where(p => p.Key is not (ConnectorConfig.TypeSuffix or ConnectorConfig.PredicateSuffix or ConnectorConfig.NegateSuffix))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>
    /// Runs the record through every stage; null means a stage dropped it or, under <paramref name="errors"/>, that
    /// a stage failed and the record is skipped. Without <paramref name="errors"/> a failure propagates.
    /// </summary>
    public ConnectRecord? Apply(ConnectRecord record, RetryWithToleranceOperator? errors = null, RecordInError inError = default)
    {
        ConnectRecord? current = record;
        foreach (var stage in _stages)
        {
            var input = current;
            if (errors is null)
            {
                current = stage.Apply(input);
            }
            else if (!errors.TryExecute(ErrorStage.Transformation, stage.Transformation.GetType().FullName!, () => stage.Apply(input), inError, out current))
            {
                return null;
            }

            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>
    /// Runs the record through the stages one at a time for a preview, reporting each: its output (null when
    /// dropped), whether its predicate skipped it, or the exception it threw. Stops after a drop or a failure.
    /// </summary>
    public IReadOnlyList<ChainStep> Trace(ConnectRecord record)
    {
        var steps = new List<ChainStep>();
        var current = record;
        foreach (var stage in _stages)
        {
            ConnectRecord? output;
            bool skipped;
            try
            {
                skipped = stage.Predicate is not null && stage.Predicate.Test(current) == stage.Negate;
                output = skipped ? current : stage.Transformation.Apply(current);
            }
#pragma warning disable CA1031 // A preview reports whatever a plugin throws as that step's error, as a task's error handling would see it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                steps.Add(new ChainStep(stage.Alias, null, false, e));
                return steps;
            }

            steps.Add(new ChainStep(stage.Alias, output, skipped, null));
            if (output is null)
            {
                return steps;
            }

            current = output;
        }

        return steps;
    }

    public void Dispose()
    {
        foreach (var stage in _stages)
        {
            stage.Transformation.Dispose();
        }

        foreach (var predicate in _predicates)
        {
            predicate.Dispose();
        }
    }

    private static IEnumerable<string> Aliases(IReadOnlyDictionary<string, string> config, string key) =>
        config.TryGetValue(key, out var list)
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];

    private static string Required(IReadOnlyDictionary<string, string> config, string key) =>
        config.TryGetValue(key, out var value) && value.Trim().Length > 0
            ? value
            : throw new ConfigException($"Missing required configuration \"{key}\" which has no default value.") { Name = key };

    private sealed record Stage(string Alias, ITransformation Transformation, IPredicate? Predicate, bool Negate)
    {
        /// <summary>The transformation, when the predicate (negated or not) selects the record; else the record as is.</summary>
        public ConnectRecord? Apply(ConnectRecord record) =>
            Predicate is not null && Predicate.Test(record) == Negate ? record : Transformation.Apply(record);
    }
}
