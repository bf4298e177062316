namespace OrleansConnect.Plugins.Connector;

/// <summary>What the runtime offers a running connector. Thread-safe; may be called from any thread.</summary>
public interface IConnectorContext
{
    /// <summary>
    /// Asks the runtime to call <see cref="Connector.TaskConfigs"/> again (for example when the set of tables changed);
    /// tasks restart only if the new configs differ.
    /// </summary>
    void RequestTaskReconfiguration();

    /// <summary>Fails the connector with an error it detected on its own (for example in a background thread).</summary>
    /// <param name="error">The error; its trace appears in the connector status.</param>
    void RaiseError(Exception error);
}
