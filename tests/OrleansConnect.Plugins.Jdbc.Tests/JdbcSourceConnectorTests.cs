using System.Text.Json;
using OrleansConnect.Plugins.Jdbc.Source;

namespace OrleansConnect.Plugins.Jdbc.Tests;

[Collection(PostgresCollection.Name)]
public sealed class JdbcSourceConnectorTests(PostgresFixture server)
{
    private static async Task<JdbcSourceConnector> StartAsync(Dictionary<string, string> config, TestConnectorContext? context = null)
    {
        var connector = new JdbcSourceConnector();
        connector.Initialize(context ?? new TestConnectorContext());
        await connector.StartAsync(config, CancellationToken.None);
        return connector;
    }

    private static string[][] TablesOf(IReadOnlyDictionary<string, string> taskConfig) =>
        JsonSerializer.Deserialize<string[][]>(taskConfig[JdbcSourceConfig.TablesConfig])!;

    [Fact]
    public async Task TaskConfigs_MoreTablesThanTasks_SpreadsThemInContiguousGroups()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE SCHEMA other; CREATE TABLE a (x int); CREATE TABLE b (x int); CREATE TABLE c (x int); CREATE TABLE d (x int); CREATE TABLE other.e (x int); CREATE VIEW v AS SELECT 1 AS x");
        var connector = await StartAsync(db.Config(("mode", "bulk"), ("topic.prefix", "")));

        var two = connector.TaskConfigs(2);
        var many = connector.TaskConfigs(10);
        await connector.StopAsync(CancellationToken.None);

        Assert.Equal([["other.e", "public.a", "public.b"], ["public.c", "public.d"]], two.Select(c => TablesOf(c).Select(t => t[0] + "." + t[1]).ToArray()));
        Assert.Equal(5, many.Count);
        Assert.All(two, c => Assert.Equal("bulk", c["mode"]));
    }

    [Fact]
    public async Task TaskConfigs_FiltersAndTableTypes_ChooseTheTables()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE SCHEMA other; CREATE TABLE a (x int); CREATE TABLE b (x int); CREATE TABLE other.a (x int); CREATE VIEW v AS SELECT 1 AS x");

        async Task<string[]> TablesAsync(params (string, string)[] settings)
        {
            var connector = await StartAsync(db.Config([("mode", "bulk"), ("topic.prefix", ""), .. settings]));
            var configs = connector.TaskConfigs(1);
            await connector.StopAsync(CancellationToken.None);
            return configs.SelectMany(TablesOf).Select(t => t[0] + "." + t[1]).ToArray();
        }

        Assert.Equal(["other.a", "public.a"], await TablesAsync(("table.whitelist", "a")));
        Assert.Equal(["public.a"], await TablesAsync(("table.whitelist", "public.a")));
        Assert.Equal(["public.b"], await TablesAsync(("table.blacklist", "a")));
        Assert.Equal(["other.a"], await TablesAsync(("table.include.list", "other\\..*")));
        Assert.Equal(["other.a", "public.a"], await TablesAsync(("table.exclude.list", "public\\.b")));
        Assert.Equal(["public.a", "public.b", "public.v"], await TablesAsync(("table.types", "TABLE,VIEW"), ("schema.pattern", "pub%")));
        Assert.Empty(await TablesAsync(("table.whitelist", "missing")));
    }

    [Fact]
    public async Task TaskConfigs_CustomQuery_IsOneTask()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        var connector = await StartAsync(db.Config(("mode", "bulk"), ("topic.prefix", "q"), ("query", "SELECT 1 AS one")));

        var configs = connector.TaskConfigs(4);
        await connector.StopAsync(CancellationToken.None);

        Assert.Equal("SELECT 1 AS one", Assert.Single(configs)["query"]);
    }

    [Fact]
    public async Task TablePolling_NewTable_RequestsReconfigurationAndAssignsIt()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE a (x int)");
        var context = new TestConnectorContext();
        var connector = await StartAsync(db.Config(("mode", "bulk"), ("topic.prefix", ""), ("table.poll.interval.ms", "100")), context);
        Assert.Single(connector.TaskConfigs(2));

        await db.ExecuteAsync("CREATE TABLE b (x int)");
        await Eventually.HoldsAsync(() => Task.FromResult(context.Reconfigurations), n => n > 0, n => $"expected a reconfiguration request after table b was created, got {n}");
        var configs = connector.TaskConfigs(2);
        await connector.StopAsync(CancellationToken.None);

        Assert.Equal([["public.a"], ["public.b"]], configs.Select(c => TablesOf(c).Select(t => t[0] + "." + t[1]).ToArray()));
    }

    [Theory]
    [InlineData("incrementing", """{"table":"public.a"}""", """{"incrementing":5}""")]
    [InlineData("timestamp", """{"table":"public.a"}""", """{"timestamp":1700000000000,"timestamp_nanos":5000}""")]
    [InlineData("timestamp+incrementing", """{"table":"public.a"}""", """{"timestamp":-5,"incrementing":5}""")]
    [InlineData("bulk", """{"x":1}""", """{"y":"z"}""")]
    public async Task AlterOffsets_OffsetsTheModeReads_AreHandled(string mode, string partition, string offset)
    {
        var handled = await new JdbcSourceConnector().AlterOffsetsAsync(OffsetsConfig(mode), [Entry(partition, offset), Entry("""{"stale":1}""", null)], CancellationToken.None);

        Assert.True(handled);
    }

    [Theory]
    [InlineData("incrementing", """{"table":"public.a"}""", """{"timestamp":5}""", "'incrementing'")]
    [InlineData("incrementing", """{"table":"public.a"}""", """{"incrementing":"five"}""", "'incrementing'")]
    [InlineData("incrementing", """{"tbl":"public.a"}""", """{"incrementing":5}""", "'table'")]
    [InlineData("timestamp", """{"table":"public.a"}""", """{"timestamp":5,"timestamp_nanos":1000000000}""", "'timestamp_nanos'")]
    [InlineData("timestamp", """{"table":"public.a"}""", """{"timestamp":5.5}""", "'timestamp'")]
    public async Task AlterOffsets_WrongShape_ThrowsNamingTheKey(string mode, string partition, string offset, string named)
    {
        var error = await Assert.ThrowsAsync<Errors.ConnectException>(() =>
            new JdbcSourceConnector().AlterOffsetsAsync(OffsetsConfig(mode), [Entry(partition, offset)], CancellationToken.None));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlterOffsets_QueryWithATablePartition_ThrowsNamingQuery()
    {
        var config = OffsetsConfig("incrementing");
        config["query"] = "SELECT * FROM a";

        var error = await Assert.ThrowsAsync<Errors.ConnectException>(() =>
            new JdbcSourceConnector().AlterOffsetsAsync(config, [Entry("""{"table":"public.a"}""", """{"incrementing":1}""")], CancellationToken.None));

        Assert.Contains("'query'", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A config that is never connected: the hook checks shapes only.</summary>
    private static Dictionary<string, string> OffsetsConfig(string mode) => new()
    {
        ["connection.url"] = "jdbc:postgresql://127.0.0.1:1/none",
        ["mode"] = mode,
        ["topic.prefix"] = "p-",
        ["incrementing.column.name"] = "id",
        ["timestamp.column.name"] = "ts",
    };

    private static KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?> Entry(string partition, string? offset) =>
        KeyValuePair.Create(Map(partition)!, Map(offset));

    /// <summary>JSON as the runtime hands it over: integers as long, other numbers as double.</summary>
    private static IReadOnlyDictionary<string, object?>? Map(string? json) =>
        json is null ? null : JsonDocument.Parse(json).RootElement.EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString(),
                JsonValueKind.Number when p.Value.TryGetInt64(out var l) => (object?)l,
                JsonValueKind.Number => p.Value.GetDouble(),
                _ => null,
            });
}
