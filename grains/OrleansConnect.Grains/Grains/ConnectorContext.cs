using OrleansConnect.Plugins.Connector;

namespace OrleansConnect.Grains.Grains;

/// <summary>The runtime's context for a connector: its requests become calls to its own grain, from any thread.</summary>
internal sealed class ConnectorContext(IConnectorGrain self) : IConnectorContext
{
    public void RequestTaskReconfiguration() => _ = self.RequestTaskReconfigurationAsync();

    public void RaiseError(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        _ = self.RaiseErrorAsync(error.ToString());
    }
}
