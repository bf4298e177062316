namespace OrleansConnect.Plugins.ObjectStorage.Tests;

/// <summary>Tests that share one s3rver; each writes topics of its own.</summary>
[CollectionDefinition(Name)]
public sealed class S3rverCollection : ICollectionFixture<S3rverFixture>
{
    public const string Name = "s3rver";
}
