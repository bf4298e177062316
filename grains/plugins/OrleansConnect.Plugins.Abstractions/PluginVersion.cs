using System.Reflection;

namespace OrleansConnect.Plugins;

/// <summary>The version a plugin reports when it does not override one.</summary>
public static class PluginVersion
{
    /// <summary>The informational version of the assembly that defines a plugin type (build metadata removed).</summary>
    /// <param name="pluginType">The plugin type.</param>
    /// <returns>The version, e.g. <c>0.1.0</c>.</returns>
    public static string Of(Type pluginType)
    {
        ArgumentNullException.ThrowIfNull(pluginType);
        var version = pluginType.Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? pluginType.Assembly.GetName().Version?.ToString()
            ?? "undefined";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
