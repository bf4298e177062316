namespace OrleansConnect.Plugins.Jdbc.Tests;

/// <summary>Tests that share one PostgreSQL server; each takes its own database.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
