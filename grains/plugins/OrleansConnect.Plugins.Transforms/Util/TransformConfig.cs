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

    /// <summary>
    /// Adds <c>field.syntax.version</c> (KIP-821). Only <c>V1</c> (top-level field names) is implemented; <c>V2</c> is
    /// rejected rather than silently read as a top-level name. TODO(#4): nested paths.
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
                    throw new ConfigException(name, value, string.Equals(s, "V2", StringComparison.OrdinalIgnoreCase)
                        ? "V2 (nested field paths) is not supported by OrleansConnect; use V1"
                        : "String must be one of (case insensitive): V1");
                }
            },
            "[V1]"),
        Importance.High,
        "Defines the version of the syntax to access fields. Only V1 is supported: field names refer to top-level fields of the struct or map.");

    /// <summary>A struct field's value, with or without its schema default as <c>replace.null.with.default</c> says.</summary>
    public static object? FieldValue(Struct value, Field field, bool replaceNullWithDefault) =>
        replaceNullWithDefault ? value.Get(field) : value.GetWithoutDefault(field.Name);
}
