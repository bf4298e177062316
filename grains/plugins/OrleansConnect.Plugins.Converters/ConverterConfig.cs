using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.Converters;

/// <summary>The key every Kafka converter's ConfigDef starts with (Kafka's <c>ConverterConfig</c>).</summary>
internal static class ConverterConfig
{
    public const string TypeConfig = "converter.type";

    public const string KeyType = "key";

    public const string ValueType = "value";

    public const string HeaderType = "header";

    private const string TypeDoc = "How this converter will be used.";

    /// <summary>
    /// A definition holding <c>converter.type</c>. Kafka makes it required and has the runtime inject it; here the runtime
    /// passes <c>isKey</c> to <c>Configure</c> instead, so the key is optional and only checked when present.
    /// </summary>
    public static ConfigDef NewConfigDef() => new ConfigDef()
        .Define(TypeConfig, ConfigType.String, null, Validators.ValidString(KeyType, ValueType, HeaderType), Importance.Low, TypeDoc);
}
