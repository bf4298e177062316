namespace OrleansConnect.Plugins.ObjectStorage.Tests;

/// <summary>The server as an xunit fixture: started before the tests of <see cref="S3rverCollection"/>, stopped after.</summary>
public sealed class S3rverFixture : S3rverServer, IAsyncLifetime;
