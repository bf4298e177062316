namespace OrleansConnect.IntegrationTests;

/// <summary>The server as an xunit fixture, started once for <see cref="S3PipelineTests"/>.</summary>
public sealed class S3rverFixture : S3rverServer, IAsyncLifetime;
