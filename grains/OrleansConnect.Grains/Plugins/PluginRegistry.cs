using System.Collections.Frozen;
using System.Reflection;
using Microsoft.Extensions.Logging;
using OrleansConnect.Plugins;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Connector;
using OrleansConnect.Plugins.Sink;
using OrleansConnect.Plugins.Source;
using OrleansConnect.Plugins.Storage;
using OrleansConnect.Plugins.Transforms;

namespace OrleansConnect.Grains.Plugins;

/// <summary>
/// The installed plugins, found in the built-in assemblies and in <c>plugin.path</c>, and resolved by full .NET name
/// (nested types with <c>+</c> or <c>$</c>), simple name, <see cref="PluginAliasAttribute"/> alias (Kafka's Java class
/// names), or for connectors the simple name without the <c>Connector</c> suffix. Built once per silo; thread-safe.
/// </summary>
internal sealed partial class PluginRegistry
{
    private readonly FrozenDictionary<(PluginKind Kind, string Name), PluginDescriptor> _byName;

    public PluginRegistry(IEnumerable<Assembly> builtIn, string pluginPath, ILogger<PluginRegistry> logger)
    {
        var assemblies = builtIn.Concat(LoadPluginPath(pluginPath, logger)).Distinct();
        Plugins = [.. assemblies.SelectMany(Describe).OrderBy(p => p.DisplayName, StringComparer.Ordinal)];
        var byName = new Dictionary<(PluginKind, string), PluginDescriptor>();
        foreach (var plugin in Plugins)
        {
            foreach (var name in plugin.Names)
            {
                byName.TryAdd((plugin.Kind, name), plugin);
            }
        }

        _byName = byName.ToFrozenDictionary();
    }

    public IReadOnlyList<PluginDescriptor> Plugins { get; }

    /// <summary>Finds a connector of either kind.</summary>
    /// <exception cref="ConfigException">No such connector; the message lists the available ones.</exception>
    public PluginDescriptor ResolveConnector(string className) =>
        TryResolve(PluginKind.Source, className) ?? TryResolve(PluginKind.Sink, className)
        ?? throw new ConfigException(
            $"Failed to find any class that implements Connector and which name matches {className}, available connectors are: {Available(PluginKind.Source, PluginKind.Sink)}")
        { Name = Runtime.ConnectorConfig.ConnectorClassConfig };

    /// <summary>Finds a plugin of a kind.</summary>
    /// <exception cref="ConfigException">No such plugin; the message names the key and lists the available ones.</exception>
    public PluginDescriptor Resolve(PluginKind kind, string className, string configKey) =>
        TryResolve(kind, className)
        ?? throw new ConfigException(ResolveErrorMessage(kind, className, configKey)) { Name = configKey };

    public string ResolveErrorMessage(PluginKind kind, string className, string configKey) =>
        $"Invalid value {className} for configuration {configKey}: Class {className} could not be found. Available {KindLabel(kind)}: {Available(kind)}";

    public PluginDescriptor? TryResolve(PluginKind kind, string className) =>
        _byName.GetValueOrDefault((kind, className.Trim()));

    public T Create<T>(PluginDescriptor plugin) where T : class =>
        Activator.CreateInstance(plugin.Type) as T
        ?? throw new ConfigException($"{plugin.DisplayName} is not a {typeof(T).Name}");

    private string Available(params PluginKind[] kinds) =>
        string.Join(", ", Plugins.Where(p => kinds.Contains(p.Kind)).Select(p => p.DisplayName));

    private static string KindLabel(PluginKind kind) => kind switch
    {
        PluginKind.Converter => "converters",
        PluginKind.HeaderConverter => "header converters",
        PluginKind.Transformation => "transformations",
        PluginKind.Predicate => "predicates",
        _ => "connectors",
    };

    private static IEnumerable<PluginDescriptor> Describe(Assembly assembly)
    {
        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = [.. e.Types.OfType<Type>()];
        }

        foreach (var type in types.Where(t => t is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false } && t.GetConstructor(Type.EmptyTypes) is not null))
        {
            foreach (var kind in KindsOf(type))
            {
                yield return Describe(type, kind);
            }
        }
    }

    private static IEnumerable<PluginKind> KindsOf(Type type)
    {
        if (typeof(SourceConnector).IsAssignableFrom(type))
        {
            yield return PluginKind.Source;
        }

        if (typeof(SinkConnector).IsAssignableFrom(type))
        {
            yield return PluginKind.Sink;
        }

        if (typeof(IConverter).IsAssignableFrom(type))
        {
            yield return PluginKind.Converter;
        }

        if (typeof(IHeaderConverter).IsAssignableFrom(type))
        {
            yield return PluginKind.HeaderConverter;
        }

        if (typeof(ITransformation).IsAssignableFrom(type))
        {
            yield return PluginKind.Transformation;
        }

        if (typeof(IPredicate).IsAssignableFrom(type))
        {
            yield return PluginKind.Predicate;
        }
    }

    private static PluginDescriptor Describe(Type type, PluginKind kind)
    {
        var aliases = type.GetCustomAttributes<PluginAliasAttribute>().Select(a => a.Alias).ToList();
        var fullName = type.FullName!;
        var names = new List<string>(aliases) { fullName, fullName.Replace('+', '$'), NestedSimpleName(type) };
        if (kind is PluginKind.Source or PluginKind.Sink && type.Name.EndsWith("Connector", StringComparison.Ordinal))
        {
            names.Add(type.Name[..^"Connector".Length]);
        }

        foreach (var alias in aliases)
        {
            var simple = alias[(alias.LastIndexOf('.') + 1)..];
            names.Add(simple);
            if (kind is PluginKind.Source or PluginKind.Sink && simple.EndsWith("Connector", StringComparison.Ordinal))
            {
                names.Add(simple[..^"Connector".Length]);
            }
        }

        return new PluginDescriptor(type, kind, aliases.FirstOrDefault() ?? fullName, names.Distinct().ToList(), PluginVersion.Of(type));
    }

    private static string NestedSimpleName(Type type) =>
        type.DeclaringType is { } outer ? NestedSimpleName(outer) + "$" + type.Name : type.Name;

    private static IEnumerable<Assembly> LoadPluginPath(string pluginPath, ILogger logger)
    {
        foreach (var root in pluginPath.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Directory.Exists(root))
            {
                LogPluginPathMissing(logger, root);
                continue;
            }

            foreach (var directory in new[] { root }.Concat(Directory.GetDirectories(root)))
            {
                var context = new PluginLoadContext(directory);
                foreach (var file in Directory.GetFiles(directory, "*.dll"))
                {
                    Assembly? assembly = null;
                    try
                    {
                        // A published plugin folder carries its own copy of the SPI; loading it would give the plugin
                        // types that do not implement the host's Connector, and the plugin would silently vanish.
                        if (AssemblyName.GetAssemblyName(Path.GetFullPath(file)).Name != PluginLoadContext.SpiAssembly)
                        {
                            assembly = context.LoadFromAssemblyPath(Path.GetFullPath(file));
                        }
                    }
                    catch (BadImageFormatException)
                    {
                        // Native libraries sit beside managed ones in plugin folders; they are not plugins.
                    }

                    if (assembly is not null)
                    {
                        LogPluginAssemblyLoaded(logger, assembly.GetName().Name, directory);
                        yield return assembly;
                    }
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "plugin.path entry {Directory} does not exist; skipped")]
    private static partial void LogPluginPathMissing(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded plugin assembly {Assembly} from {Directory}")]
    private static partial void LogPluginAssemblyLoaded(ILogger logger, string? assembly, string directory);
}
