using Microsoft.Extensions.Logging;
using OrleansConnect.Grains.Plugins;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Sink;
using OrleansConnect.Plugins.Source;
using Connector = OrleansConnect.Plugins.Connector.Connector;

namespace OrleansConnect.Grains.Offsets;

/// <summary>
/// Asks a connector about an offsets change before the runtime writes it (the SPI's <c>AlterOffsetsAsync</c>, Kafka's
/// <c>alterOffsets</c>, KIP-875), on a fresh instance as Kafka's <c>Worker.modifyConnectorOffsets</c> does, and words
/// the REST answer from what it says.
/// </summary>
internal static partial class OffsetsHook
{
    public static Task<bool> AskSourceAsync(
        PluginRegistry registry,
        string connectorName,
        IReadOnlyDictionary<string, string> config,
        IReadOnlyCollection<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>> offsets,
        ILogger logger,
        CancellationToken cancellationToken) =>
        AskAsync(registry, connectorName, "source", config, c => ((SourceConnector)c).AlterOffsetsAsync(config, offsets, cancellationToken), logger);

    public static Task<bool> AskSinkAsync(
        PluginRegistry registry,
        string connectorName,
        IReadOnlyDictionary<string, string> config,
        IReadOnlyDictionary<OrleansConnect.Plugins.TopicPartition, long?> offsets,
        ILogger logger,
        CancellationToken cancellationToken) =>
        AskAsync(registry, connectorName, "sink", config, c => ((SinkConnector)c).AlterOffsetsAsync(config, offsets, cancellationToken), logger);

    /// <summary>
    /// Kafka's two success messages: a connector that says it handled the change gets the plain one; otherwise only
    /// the offsets the runtime keeps are known to have changed.
    /// </summary>
    public static string Message(bool handledByConnector, bool reset)
    {
        var verb = reset ? "reset" : "altered";
        return handledByConnector
            ? $"The offsets for this connector have been {verb} successfully"
            : $"The Connect framework-managed offsets for this connector have been {verb} successfully. However, if this connector manages offsets externally, they will need to be manually {verb} in the system that the connector uses.";
    }

    /// <summary>
    /// A refusal (<see cref="ConnectException"/>, or <see cref="NotSupportedException"/> for a connector whose offsets
    /// cannot change) is the user's input at fault: 400 with the connector's words, where Kafka answers 500. Any other
    /// exception is a fault in the connector: 500, logged with its stack; only its message crosses the grain call.
    /// </summary>
    private static async Task<bool> AskAsync(
        PluginRegistry registry, string connectorName, string kind, IReadOnlyDictionary<string, string> config, Func<Connector, Task<bool>> ask, ILogger logger)
    {
        var connector = registry.Create<Connector>(registry.ResolveConnector(config[Runtime.ConnectorConfig.ConnectorClassConfig]));
        try
        {
            return await ask(connector);
        }
        catch (NotSupportedException e)
        {
            LogRefused(logger, e, connectorName);
            throw ConnectRestException.BadRequest($"Failed to modify offsets for connector {connectorName} because it doesn't support external modification of offsets");
        }
        catch (ConnectException e)
        {
            LogRefused(logger, e, connectorName);
            throw ConnectRestException.BadRequest(e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException and not ConnectRestException)
        {
            LogFailed(logger, e, connectorName);
            throw new ConnectRestException(500, $"Failed to modify offsets for {kind} connector {connectorName}: {e.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connector {ConnectorName} refused an offsets change")]
    private static partial void LogRefused(ILogger logger, Exception exception, string connectorName);

    [LoggerMessage(Level = LogLevel.Error, Message = "Connector {ConnectorName} failed while asked about an offsets change")]
    private static partial void LogFailed(ILogger logger, Exception exception, string connectorName);
}
