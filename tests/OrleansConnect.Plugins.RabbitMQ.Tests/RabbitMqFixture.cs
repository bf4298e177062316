namespace OrleansConnect.Plugins.RabbitMQ.Tests;

/// <summary>The broker as an xunit fixture: started before the tests of <see cref="RabbitMqCollection"/>, stopped after.</summary>
public sealed class RabbitMqFixture : RabbitMqServer, IAsyncLifetime;
