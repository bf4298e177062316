namespace OrleansConnect.Plugins.Mqtt.Tests;

/// <summary>The broker as an xunit fixture: started before the tests of <see cref="MosquittoCollection"/>, stopped after.</summary>
public sealed class MosquittoFixture : MosquittoServer, IAsyncLifetime;
