namespace OrleansConnect.Api.Tests;

/// <summary>One co-hosted silo for all REST tests; each test uses its own connector names.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFactory>
{
    public const string Name = "api";
}
