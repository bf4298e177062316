namespace OrleansConnect.Plugins.Jdbc.Tests;

/// <summary>Tests that share one MariaDB server; each takes its own database. One test stops and restarts it.</summary>
[CollectionDefinition(Name)]
public sealed class MariaDbCollection : ICollectionFixture<MariaDbFixture>
{
    public const string Name = "mariadb";
}
