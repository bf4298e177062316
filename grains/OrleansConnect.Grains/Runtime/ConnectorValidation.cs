using System.Globalization;
using OrleansConnect.Grains.Plugins;

namespace OrleansConnect.Grains.Runtime;

/// <summary>The outcome of validating a connector configuration.</summary>
internal sealed record ConnectorValidation(PluginDescriptor? Connector, IReadOnlyList<KeyError> Errors)
{
    /// <summary>Kafka's 400 message for an invalid configuration.</summary>
    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"Connector configuration is invalid and contains the following {Errors.Count} error(s):\n")
        + string.Join("\n", Errors.Select(e => e.Message))
        + "\nYou can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`";
}
