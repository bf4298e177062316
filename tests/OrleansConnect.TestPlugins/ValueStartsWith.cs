using OrleansConnect.Plugins;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Transforms;

namespace OrleansConnect.TestPlugins;

/// <summary>A predicate for tests: true when the value is a string starting with <c>prefix</c>.</summary>
public sealed class ValueStartsWith : IPredicate
{
    private string _prefix = string.Empty;

    public ConfigDef Config { get; } = new ConfigDef()
        .Define("prefix", ConfigType.String, ConfigDef.NoDefaultValue, Importance.High, "The prefix.");

    public void Configure(IReadOnlyDictionary<string, string> configs) =>
        _prefix = (string)new AbstractConfig(Config, configs).Get("prefix")!;

    public bool Test(ConnectRecord record) => record.Value is string s && s.StartsWith(_prefix, StringComparison.Ordinal);

    public void Dispose()
    {
    }
}
