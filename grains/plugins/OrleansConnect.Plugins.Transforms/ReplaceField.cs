using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Transforms.Util;

namespace OrleansConnect.Plugins.Transforms;

/// <summary>
/// Drops, keeps and renames fields of a Struct or schemaless map key/value, as Kafka's <c>ReplaceField</c>. A field
/// named in <c>exclude</c> is always dropped; a non-empty <c>include</c> keeps only the fields it names. The deprecated
/// <c>blacklist</c>/<c>whitelist</c> keys are read when <c>exclude</c>/<c>include</c> are absent. A null key/value
/// passes through unchanged.
/// </summary>
public abstract class ReplaceField : KeyOrValueTransformation
{
    public const string ExcludeConfig = "exclude";
    public const string IncludeConfig = "include";
    public const string RenamesConfig = "renames";
    public const string BlacklistConfig = "blacklist";
    public const string WhitelistConfig = "whitelist";

    private const string Purpose = "field replacement";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(ExcludeConfig, ConfigType.List, string.Empty, Importance.Medium, "Fields to exclude. This takes precedence over the fields to include.")
        .Define(IncludeConfig, ConfigType.List, string.Empty, Importance.Medium, "Fields to include. If specified, only these fields will be used.")
        .Define(
            RenamesConfig,
            ConfigType.List,
            string.Empty,
            Validators.With((name, value) => ParseRenames(name, (IReadOnlyList<string>?)value ?? []), "list of colon-delimited pairs, e.g. foo:bar,abc:xyz"),
            Importance.Medium,
            "Field rename mappings.")
        .Define(BlacklistConfig, ConfigType.List, null, Importance.Low, "Deprecated. Use exclude instead.")
        .Define(WhitelistConfig, ConfigType.List, null, Importance.Low, "Deprecated. Use include instead.")
        .WithReplaceNullWithDefault()
        .WithFieldSyntaxVersion();

    private readonly SchemaCache _schemaCache = new();
    private HashSet<string> _exclude = [];
    private HashSet<string> _include = [];
    private Dictionary<string, string> _renames = [];
    private Dictionary<string, string> _reverseRenames = [];
    private bool _replaceNullWithDefault = true;

    private protected ReplaceField(RecordPart part)
        : base(part)
    {
    }

    /// <inheritdoc />
    public override ConfigDef Config => Definition;

    /// <inheritdoc />
    public override void Configure(IReadOnlyDictionary<string, string> configs)
    {
        ArgumentNullException.ThrowIfNull(configs);
        var translated = new Dictionary<string, string>(configs, StringComparer.Ordinal);
        TranslateDeprecated(translated, BlacklistConfig, ExcludeConfig);
        TranslateDeprecated(translated, WhitelistConfig, IncludeConfig);
        var config = new AbstractConfig(Definition, translated);
        _exclude = [.. config.GetList(ExcludeConfig)];
        _include = [.. config.GetList(IncludeConfig)];
        _renames = ParseRenames(RenamesConfig, config.GetList(RenamesConfig));
        _reverseRenames = _renames.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
        _replaceNullWithDefault = config.GetBoolean(TransformConfig.ReplaceNullWithDefault);
    }

    /// <inheritdoc />
    public override ConnectRecord? Apply(ConnectRecord record) => ApplyUnlessNull(record, ApplySchemaless, ApplyWithSchema);

    private static void TranslateDeprecated(Dictionary<string, string> configs, string deprecated, string current)
    {
        // Kafka's ConfigUtils.translateDeprecatedConfigs: the current key wins when both are set.
        if (configs.Remove(deprecated, out var value) && !configs.ContainsKey(current))
        {
            configs[current] = value;
        }
    }

    private static Dictionary<string, string> ParseRenames(string key, IReadOnlyList<string> mappings)
    {
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var mapping in mappings)
        {
            var parts = mapping.Split(':');
            if (parts.Length != 2 || parts[1].Length == 0)
            {
                throw new ConfigException(key, string.Join(",", mappings), "Invalid rename mapping: " + mapping);
            }

            renames[parts[0]] = parts[1];
        }

        return renames;
    }

    private bool Filter(string fieldName) => !_exclude.Contains(fieldName) && (_include.Count == 0 || _include.Contains(fieldName));

    private string Renamed(string fieldName) => _renames.GetValueOrDefault(fieldName, fieldName);

    private string ReverseRenamed(string fieldName) => _reverseRenames.GetValueOrDefault(fieldName, fieldName);

    private ConnectRecord ApplySchemaless(ConnectRecord record)
    {
        var value = Requirements.CopyMap(Requirements.RequireMap(OperatingValue(record), Purpose));
        var updated = new Dictionary<string, object?>(value.Count, StringComparer.Ordinal);
        foreach (var (name, fieldValue) in value)
        {
            if (Filter(name))
            {
                updated[Renamed(name)] = fieldValue;
            }
        }

        return NewRecord(record, null, updated);
    }

    private ConnectRecord ApplyWithSchema(ConnectRecord record)
    {
        var value = Requirements.RequireStruct(OperatingValue(record), Purpose);
        var updatedSchema = _schemaCache.GetOrAdd(value.Schema, MakeUpdatedSchema);
        var updated = new Struct(updatedSchema);
        foreach (var field in updatedSchema.Fields)
        {
            var original = value.Schema.Field(ReverseRenamed(field.Name))!;
            updated.Put(field, TransformConfig.FieldValue(value, original, _replaceNullWithDefault));
        }

        return NewRecord(record, updatedSchema, updated);
    }

    private Schema MakeUpdatedSchema(Schema schema)
    {
        var builder = SchemaUtil.CopySchemaBasics(schema, SchemaBuilder.Struct());
        foreach (var field in schema.Fields.Where(f => Filter(f.Name)))
        {
            builder.Field(Renamed(field.Name), field.Schema);
        }

        return builder.Build();
    }

    /// <summary>Replaces fields of the record key (<c>org.apache.kafka.connect.transforms.ReplaceField$Key</c>).</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.ReplaceField$Key")]
    public sealed class Key() : ReplaceField(RecordPart.Key);

    /// <summary>Replaces fields of the record value (<c>org.apache.kafka.connect.transforms.ReplaceField$Value</c>).</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.ReplaceField$Value")]
    public sealed class Value() : ReplaceField(RecordPart.Value);
}
