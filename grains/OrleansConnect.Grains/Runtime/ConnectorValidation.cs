using System.Globalization;
using OrleansConnect.Grains.Plugins;

namespace OrleansConnect.Grains.Runtime;

/// <summary>The outcome of validating a connector configuration: the errors in the order found, and every key's definition and value.</summary>
internal sealed record ConnectorValidation(PluginDescriptor? Connector, IReadOnlyList<KeyError> Errors, ConfigInfos Infos)
{
    /// <summary>
    /// Kafka's 400 message for an invalid configuration. Each error names its key: Kafka's own text where it does,
    /// prefixed with the key where it does not (an unknown class, say), so a script can tell which field to fix.
    /// </summary>
    public string Describe()
    {
        var lines = Lines(Errors);
        return string.Create(CultureInfo.InvariantCulture, $"Connector configuration is invalid and contains the following {lines.Count} error(s):\n")
            + string.Join("\n", lines)
            + "\nYou can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`";
    }

    /// <summary>One line per error, naming its key; an error reported on two keys is said once.</summary>
    public static IReadOnlyList<string> Lines(IEnumerable<KeyError> errors) =>
        // Kafka reports "one of topics or topics.regex" on both keys; say it once.
        [.. errors.Select(e => e.Message.Contains(e.Key, StringComparison.Ordinal) ? e.Message : $"{e.Key}: {e.Message}").Distinct()];
}
