using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;

namespace OrleansConnect.Plugins.Transforms.Util;

/// <summary>Configuration keys that several transforms share, with Kafka's names and defaults.</summary>
internal static class TransformConfig
{
    public const string ReplaceNullWithDefault = "replace.null.with.default";
    public const string FieldSyntaxVersion = "field.syntax.version";
    public const string FieldSyntaxV1 = "V1";

    /// <summary>Adds <c>replace.null.with.default</c> (KIP-1040, default true).</summary>
    public static ConfigDef WithReplaceNullWithDefault(this ConfigDef def) => def.Define(
        ReplaceNullWithDefault,
        ConfigType.Boolean,
        true,
        Importance.Medium,
        "Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.");

    public const string FieldSyntaxV2 = "V2";

    /// <summary>
    /// Adds <c>field.syntax.version</c> (KIP-821) as the transforms that Kafka gave no nested paths have it: <c>V1</c>
    /// (top-level field names) only; <c>V2</c> is refused rather than silently read as a top-level name. Kafka defines
    /// the key on <c>ExtractField</c> alone (see <see cref="WithNestedFieldSyntaxVersion"/>).
    /// </summary>
    public static ConfigDef WithFieldSyntaxVersion(this ConfigDef def) => def.Define(
        FieldSyntaxVersion,
        ConfigType.String,
        FieldSyntaxV1,
        Validators.With(
            (name, value) =>
            {
                if (value is string s && !string.Equals(s, FieldSyntaxV1, StringComparison.OrdinalIgnoreCase))
                {
                    throw new ConfigException(name, value, string.Equals(s, FieldSyntaxV2, StringComparison.OrdinalIgnoreCase)
                        ? "V2 (nested field paths) is not supported by this transform yet; use V1"
                        : "String must be one of (case insensitive): V1");
                }
            },
            "[V1]"),
        Importance.High,
        "Defines the version of the syntax to access fields. Only V1 is supported: field names refer to top-level fields of the struct or map.");

    /// <summary>Adds <c>field.syntax.version</c> (KIP-821) with both versions, as Kafka's <c>ExtractField</c> has it.</summary>
    public static ConfigDef WithNestedFieldSyntaxVersion(this ConfigDef def) => def.Define(
        FieldSyntaxVersion,
        ConfigType.String,
        FieldSyntaxV1,
        Validators.With(
            (name, value) =>
            {
                if (value is string s && !string.Equals(s, FieldSyntaxV1, StringComparison.OrdinalIgnoreCase)
                    && !string.Equals(s, FieldSyntaxV2, StringComparison.OrdinalIgnoreCase))
                {
                    throw new ConfigException(name, value, "String must be one of (case insensitive): V1, V2");
                }
            },
            "(case insensitive) [V1, V2]"),
        Importance.High,
        "Defines the version of the syntax to access fields. If set to `V1`, then the field paths are limited to access the elements at the root level of the struct or map. "
        + "If set to `V2`, the syntax will support accessing nested elements. To access nested elements, dotted notation is used. "
        + "If dots are already included in the field name, then backtick pairs can be used to wrap field names containing dots. "
        + "E.g. to access the subfield `baz` from a field named \"foo.bar\" in a struct/map the following format can be used to access its elements: \"`foo.bar`.baz\".");

    /// <summary>Whether a config of <see cref="WithNestedFieldSyntaxVersion"/> asks for V2 paths.</summary>
    public static bool IsFieldSyntaxV2(AbstractConfig config) =>
        string.Equals(config.GetString(FieldSyntaxVersion), FieldSyntaxV2, StringComparison.OrdinalIgnoreCase);

    /// <summary>A struct field's value, with or without its schema default as <c>replace.null.with.default</c> says.</summary>
    public static object? FieldValue(Struct value, Field field, bool replaceNullWithDefault) =>
        replaceNullWithDefault ? value.Get(field) : value.GetWithoutDefault(field.Name);
}
