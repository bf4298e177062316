namespace OrleansConnect.Plugins.Jdbc.Tests;

/// <summary>The server as an xunit fixture: started before the tests of <see cref="MariaDbCollection"/>, stopped after.</summary>
public sealed class MariaDbFixture : MariaDbServer, IAsyncLifetime;
