using System.Reflection;
using System.Runtime.Loader;

namespace OrleansConnect.Grains.Plugins;

/// <summary>
/// Loads one plugin directory in isolation (Kafka's per-plugin class loader): the plugin's own dependencies come from
/// its directory, while the SPI and framework assemblies come from the host so that plugin types implement the host's
/// interfaces.
/// </summary>
internal sealed class PluginLoadContext(string directory) : AssemblyLoadContext("plugin:" + directory)
{
    public static readonly string SpiAssembly = typeof(OrleansConnect.Plugins.ConnectRecord).Assembly.GetName().Name!;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name == SpiAssembly)
        {
            return null;
        }

        var candidate = Path.Combine(directory, assemblyName.Name + ".dll");
        return File.Exists(candidate) && !IsHostAssembly(assemblyName) ? LoadFromAssemblyPath(candidate) : null;
    }

    private static bool IsHostAssembly(AssemblyName name) =>
        Default.Assemblies.Any(a => string.Equals(a.GetName().Name, name.Name, StringComparison.Ordinal));
}
