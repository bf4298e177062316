namespace OrleansConnect.IntegrationTests;

/// <summary>The end-to-end tests share one silo process; each test uses its own connector names, files and topics.</summary>
[CollectionDefinition(Name)]
public sealed class SiloCollection : ICollectionFixture<SiloFixture>
{
    public const string Name = "silo";
}
