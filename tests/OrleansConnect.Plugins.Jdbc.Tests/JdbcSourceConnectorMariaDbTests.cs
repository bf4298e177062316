using System.Text.Json;
using OrleansConnect.Plugins.Jdbc.Source;

namespace OrleansConnect.Plugins.Jdbc.Tests;

/// <summary>The JDBC source connector's table listing on a real MariaDB: information_schema of the URL's database.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class JdbcSourceConnectorMariaDbTests(MariaDbFixture server)
{
    private static string[][] TablesOf(IReadOnlyDictionary<string, string> taskConfig) =>
        JsonSerializer.Deserialize<string[][]>(taskConfig[JdbcSourceConfig.TablesConfig])!;

    private static async Task<string[][]> TablesAsync(MariaDbDatabase db, int maxTasks, params (string, string)[] settings)
    {
        var connector = new JdbcSourceConnector();
        connector.Initialize(new TestConnectorContext());
        await connector.StartAsync(db.Config([("mode", "bulk"), ("topic.prefix", ""), .. settings]), CancellationToken.None);
        var configs = connector.TaskConfigs(maxTasks);
        await connector.StopAsync(CancellationToken.None);
        return configs.Select(c => TablesOf(c).Select(t => t[0] + "." + t[1]).ToArray()).ToArray();
    }

    [Fact]
    public async Task TaskConfigs_TablesOfTheUrlsDatabase_AreSpreadAsDatabaseQualifiedNames()
    {
        var db = await MariaDbDatabase.CreateAsync(server);
        var other = await MariaDbDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE a (x INT); CREATE TABLE b (x INT); CREATE TABLE c (x INT); CREATE VIEW v AS SELECT 1 AS x");
        await other.ExecuteAsync("CREATE TABLE elsewhere (x INT)");

        Assert.Equal([[db.Name + ".a", db.Name + ".b"], [db.Name + ".c"]], await TablesAsync(db, 2));
        Assert.Equal([[db.Name + ".a", db.Name + ".b", db.Name + ".c", db.Name + ".v"]], await TablesAsync(db, 1, ("table.types", "TABLE,VIEW")));
        Assert.Equal([[db.Name + ".b"]], await TablesAsync(db, 1, ("table.whitelist", "b")));
        Assert.Equal([[db.Name + ".a"]], await TablesAsync(db, 1, ("table.include.list", ".*\\.a")));
        Assert.Equal([[other.Name + ".elsewhere"]], await TablesAsync(db, 1, ("schema.pattern", other.Name)));
    }
}
