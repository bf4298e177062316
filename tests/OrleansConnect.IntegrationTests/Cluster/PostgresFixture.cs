namespace OrleansConnect.IntegrationTests.Cluster;

/// <summary>The server as an xunit fixture: started before the tests of <see cref="PostgresCollection"/>, stopped after.</summary>
public sealed class PostgresFixture : PostgresServer, IAsyncLifetime;
