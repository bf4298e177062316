namespace OrleansConnect.Plugins.Http.Tests;

/// <summary>The silo as an xunit fixture (embedded Kafka, standalone state): started once for the pipeline tests.</summary>
public sealed class SiloFixture : SiloProcess, IAsyncLifetime;
