namespace OrleansConnect.Plugins.Source;

/// <summary>A connector that reads from an external system into Kafka; its tasks are <see cref="SourceTask"/>s.</summary>
public abstract class SourceConnector : Connector.Connector
{
}
