namespace OrleansConnect.Plugins.Sink;

/// <summary>
/// A connector that writes Kafka records to an external system; its tasks are <see cref="SinkTask"/>s. The runtime
/// subscribes the tasks to <c>topics</c> or <c>topics.regex</c> in one consumer group, <c>connect-{connector name}</c>.
/// </summary>
public abstract class SinkConnector : Connector.Connector
{
    /// <summary>The key listing the topics to consume.</summary>
    public const string TopicsConfig = "topics";

    /// <summary>The key with a regular expression of topics to consume.</summary>
    public const string TopicsRegexConfig = "topics.regex";
}
