namespace OrleansConnect.Api.Tests;

/// <summary>
/// A silo of its own for the tests of /metrics and /health/connectors: the health of every connector of the silo is
/// what they check, so the connectors other REST tests leave behind (some FAILED on purpose) must not be there.
/// </summary>
[CollectionDefinition(Name)]
public sealed class OperationsCollection : ICollectionFixture<ApiFactory>
{
    public const string Name = "operations";
}
