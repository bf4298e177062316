namespace OrleansConnect.Plugins.RabbitMQ.Tests;

/// <summary>Tests that share one broker (it takes seconds to start); each takes queues of its own.</summary>
[CollectionDefinition(Name)]
public sealed class RabbitMqCollection : ICollectionFixture<RabbitMqFixture>
{
    public const string Name = "rabbitmq";
}
