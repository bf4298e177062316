namespace OrleansConnect.IntegrationTests;

/// <summary>The silo as an xunit fixture: started before the tests of <see cref="SiloCollection"/>, stopped after.</summary>
public sealed class SiloFixture : SiloProcess, IAsyncLifetime;
