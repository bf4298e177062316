namespace OrleansConnect.IntegrationTests;

/// <summary>The broker as an xunit fixture, started once for <see cref="RabbitMQPipelineTests"/>.</summary>
public sealed class RabbitMqFixture : RabbitMqServer, IAsyncLifetime;
