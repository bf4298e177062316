using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.Mirror;

/// <summary>Checks across keys that the connectors add to their <see cref="ConfigDef"/>'s.</summary>
internal static class MirrorValidation
{
    /// <summary>
    /// <c>source.cluster.bootstrap.servers</c> (and <c>target.cluster.bootstrap.servers</c>) must be set. Kafka does not
    /// check this at validation; its clients fail at start. Here the missing address is a 400 naming the key.
    /// </summary>
    public static void RequireBootstrapServers(IReadOnlyDictionary<string, string> props, List<ConfigValue> results, bool target)
    {
        foreach (var prefix in target ? [MirrorConnectorConfig.SourceClusterPrefix, MirrorConnectorConfig.TargetClusterPrefix] : new[] { MirrorConnectorConfig.SourceClusterPrefix })
        {
            var key = prefix + "bootstrap.servers";
            if (string.IsNullOrWhiteSpace(props.GetValueOrDefault(key)))
            {
                AddError(results, key, $"Missing required configuration \"{key}\" which has no default value.");
            }
        }
    }

    public static void AddError(List<ConfigValue> results, string key, string message)
    {
        var value = results.FirstOrDefault(r => r.Name == key);
        if (value is null)
        {
            value = new ConfigValue(key);
            results.Add(value);
        }

        value.AddErrorMessage(message);
    }
}
