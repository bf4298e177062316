using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Jdbc.Source;
using OrleansConnect.Plugins.Source;

namespace OrleansConnect.Plugins.Jdbc.Tests;

[Collection(PostgresCollection.Name)]
public sealed class JdbcSourceTaskTests(PostgresFixture server)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static string Tables(params string[] names) => System.Text.Json.JsonSerializer.Serialize(names.Select(n => new[] { "public", n }).ToArray());

    private static async Task<(JdbcSourceTask Task, TestSourceTaskContext Context)> StartAsync(Dictionary<string, string> config, TestSourceTaskContext? context = null)
    {
        context ??= new TestSourceTaskContext(config);
        var task = new JdbcSourceTask();
        task.Initialize(context);
        await task.StartAsync(config, CancellationToken.None);
        return (task, context);
    }

    /// <summary>Polls until <paramref name="count"/> records arrived (then once more, to catch extras), committing their offsets.</summary>
    private static async Task<List<SourceRecord>> PollAsync(JdbcSourceTask task, TestSourceTaskContext context, int count)
    {
        var records = new List<SourceRecord>();
        var deadline = DateTime.UtcNow + Timeout;
        while (records.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out: expected {count} records, got {records.Count}");
            records.AddRange(await task.PollAsync(CancellationToken.None) ?? []);
        }

        records.AddRange(await task.PollAsync(CancellationToken.None) ?? []);
        context.Commit(records);
        return records;
    }

    private static object?[] Values(SourceRecord record, params string[] fields) => fields.Select(f => ((Struct)record.Value!).Get(f)).ToArray();

    [Fact]
    public async Task PollAsync_Incrementing_ReadsNewRowsOnlyWithTheirIdAsOffset()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE orders (id serial PRIMARY KEY, item text NOT NULL)");
        await db.ExecuteAsync("INSERT INTO orders (item) VALUES ('a'), ('b')");
        var (task, context) = await StartAsync(db.Config(("mode", "incrementing"), ("incrementing.column.name", "id"), ("topic.prefix", "pg-"),
            ("poll.interval.ms", "50"), (JdbcSourceConfig.TablesConfig, Tables("orders"))));

        var first = await PollAsync(task, context, 2);
        await db.ExecuteAsync("UPDATE orders SET item = 'a2' WHERE id = 1");
        await db.ExecuteAsync("INSERT INTO orders (item) VALUES ('c')");
        var second = await PollAsync(task, context, 1);
        await task.StopAsync(CancellationToken.None);

        Assert.Equal([[1, "a"], [2, "b"]], first.Select(r => Values(r, "id", "item")));
        Assert.Equal([[3, "c"]], second.Select(r => Values(r, "id", "item")));
        Assert.All(first.Concat(second), r => Assert.Equal("pg-orders", r.Topic));
        Assert.Equal(new Dictionary<string, object?> { ["protocol"] = "1", ["table"] = "public.orders" }, second[0].SourcePartition);
        Assert.Equal(3L, second[0].SourceOffset!["incrementing"]);
        Assert.Null(second[0].Key);
        Assert.Equal("orders", second[0].ValueSchema!.Name);
    }

    [Theory]
    [InlineData("""{"protocol":"1","table":"public.orders"}""")]
    [InlineData("""{"table":"public.orders"}""")]
    [InlineData("""{"table":"orders"}""")]
    public async Task StartAsync_OffsetStoredUnderConfluentsOrThisRuntimesEarlierPartition_ResumesAfterIt(string partition)
    {
        var db = await JdbcDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE orders (id serial PRIMARY KEY, item text NOT NULL)");
        await db.ExecuteAsync("INSERT INTO orders (item) VALUES ('a'), ('b'), ('c')");
        var config = db.Config(("mode", "incrementing"), ("incrementing.column.name", "id"), ("topic.prefix", ""),
            ("poll.interval.ms", "50"), (JdbcSourceConfig.TablesConfig, Tables("orders")));
        var context = new TestSourceTaskContext(config);
        var stored = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(partition)!
            .ToDictionary(p => p.Key, p => (object?)p.Value!.ToString());
        context.Offsets[TestSourceTaskContext.Key(stored)] = new Dictionary<string, object?> { ["incrementing"] = 2L };

        var (task, _) = await StartAsync(config, context);
        var records = await PollAsync(task, context, 1);
        await task.StopAsync(CancellationToken.None);

        Assert.Equal([3], records.Select(r => ((Struct)r.Value!).Get("id")));
    }

    [Fact]
    public async Task PollAsync_Timestamp_ReadsInsertsAndUpdates()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, modified timestamp NOT NULL DEFAULT clock_timestamp())");
        await db.ExecuteAsync("INSERT INTO items (id, name) VALUES (1, 'a')");
        await db.ExecuteAsync("INSERT INTO items (id, name) VALUES (2, 'b')");
        var (task, context) = await StartAsync(db.Config(("mode", "timestamp"), ("timestamp.column.name", "modified"), ("topic.prefix", ""),
            ("poll.interval.ms", "50"), (JdbcSourceConfig.TablesConfig, Tables("items"))));

        var first = await PollAsync(task, context, 2);
        await db.ExecuteAsync("UPDATE items SET name = 'a2', modified = clock_timestamp() WHERE id = 1");
        await db.ExecuteAsync("INSERT INTO items (id, name) VALUES (3, 'c')");
        var second = await PollAsync(task, context, 2);
        await task.StopAsync(CancellationToken.None);

        Assert.Equal([[1, "a"], [2, "b"]], first.Select(r => Values(r, "id", "name")));
        Assert.Equal([[1, "a2"], [3, "c"]], second.Select(r => Values(r, "id", "name")));
        Assert.True(second[1].SourceOffset!.ContainsKey("timestamp_nanos"));
    }

    [Fact]
    public async Task PollAsync_TimestampIncrementing_ReadsInsertsAndUpdatesWithSharedTimestamps()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, created timestamptz, modified timestamptz)");
        // One statement, one timestamp: rows that share it are told apart by id.
        await db.ExecuteAsync("INSERT INTO items VALUES (1, 'a', now(), NULL), (2, 'b', now(), NULL), (3, 'c', now(), NULL)");
        var (task, context) = await StartAsync(db.Config(("mode", "timestamp+incrementing"), ("timestamp.column.name", "modified,created"),
            ("incrementing.column.name", "id"), ("topic.prefix", ""), ("poll.interval.ms", "50"), ("batch.max.rows", "2"), ("validate.non.null", "false"),
            (JdbcSourceConfig.TablesConfig, Tables("items"))));

        var first = await PollAsync(task, context, 3);
        await db.ExecuteAsync("UPDATE items SET name = 'b2', modified = clock_timestamp() WHERE id = 2");
        await db.ExecuteAsync("INSERT INTO items VALUES (4, 'd', clock_timestamp(), NULL)");
        var second = await PollAsync(task, context, 2);
        await task.StopAsync(CancellationToken.None);

        Assert.Equal([[1, "a"], [2, "b"], [3, "c"]], first.Select(r => Values(r, "id", "name")));
        Assert.Equal([[2, "b2"], [4, "d"]], second.Select(r => Values(r, "id", "name")));
        Assert.Equal(4L, second[1].SourceOffset!["incrementing"]);
    }

    [Fact]
    public async Task PollAsync_TimestampIncrementingWithDelay_DoesNotSkipARowCommittedLateWithAnOlderTimestamp()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE events (id int PRIMARY KEY, ts timestamptz NOT NULL)");
        await db.ExecuteAsync("INSERT INTO events VALUES (1, now() - interval '1 hour')");
        var (task, context) = await StartAsync(db.Config(("mode", "timestamp+incrementing"), ("timestamp.column.name", "ts"), ("incrementing.column.name", "id"),
            ("timestamp.delay.interval.ms", "3000"), ("topic.prefix", ""), ("poll.interval.ms", "50"), (JdbcSourceConfig.TablesConfig, Tables("events"))));
        Assert.Equal([1], (await PollAsync(task, context, 1)).Select(r => ((Struct)r.Value!).Get("id")));
        IReadOnlyList<SourceRecord>? early;

        // Row 2's transaction takes its timestamp first but commits after row 3, which has a newer one.
        await using (var slow = new Npgsql.NpgsqlConnection(db.ConnectionString))
        {
            await slow.OpenAsync(TestContext.Current.CancellationToken);
            await using var transaction = await slow.BeginTransactionAsync(TestContext.Current.CancellationToken);
            await using (var insert = new Npgsql.NpgsqlCommand("INSERT INTO events VALUES (2, clock_timestamp())", slow, transaction))
            {
                await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }

            await db.ExecuteAsync("INSERT INTO events VALUES (3, clock_timestamp())");
            early = await task.PollAsync(CancellationToken.None);
            await transaction.CommitAsync(TestContext.Current.CancellationToken);
        }

        var late = await PollAsync(task, context, 2);
        await task.StopAsync(CancellationToken.None);

        Assert.Empty(early ?? []);
        Assert.Equal([2, 3], late.Select(r => ((Struct)r.Value!).Get("id")));
    }

    [Fact]
    public async Task PollAsync_Bulk_ReadsTheWholeTableEveryPollWithoutOffsets()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE colors (name text)");
        await db.ExecuteAsync("INSERT INTO colors VALUES ('red'), ('blue')");
        var (task, context) = await StartAsync(db.Config(("mode", "bulk"), ("topic.prefix", "t."), ("poll.interval.ms", "2000"), (JdbcSourceConfig.TablesConfig, Tables("colors"))));

        var first = await PollAsync(task, context, 2);
        await db.ExecuteAsync("INSERT INTO colors VALUES ('green')");
        var second = await PollAsync(task, context, 3);
        await task.StopAsync(CancellationToken.None);

        Assert.Equal(2, first.Count);
        Assert.Equal(["blue", "green", "red"], second.Take(3).Select(r => (string)((Struct)r.Value!).Get("name")!).Order());
        Assert.All(first, r => Assert.Null(r.SourceOffset));
        Assert.Equal("t.colors", first[0].Topic);
    }

    [Fact]
    public async Task StartAsync_WithCommittedOffsets_ResumesAfterTheLastRowWithoutGapOrRepeat()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE items (id int PRIMARY KEY, modified timestamp NOT NULL)");
        await db.ExecuteAsync("INSERT INTO items SELECT i, timestamp '2024-01-01 00:00:00.000001' + (i / 3) * interval '1 microsecond' FROM generate_series(1, 10) i");
        var config = db.Config(("mode", "timestamp+incrementing"), ("timestamp.column.name", "modified"), ("incrementing.column.name", "id"),
            ("topic.prefix", ""), ("poll.interval.ms", "50"), ("batch.max.rows", "4"), (JdbcSourceConfig.TablesConfig, Tables("items")));
        var (first, context) = await StartAsync(config);
        var seen = (await first.PollAsync(CancellationToken.None))!.ToList();
        context.Commit(seen);
        await first.StopAsync(CancellationToken.None);

        await db.ExecuteAsync("INSERT INTO items VALUES (11, timestamp '2024-01-02')");
        var (second, _) = await StartAsync(config, context);
        var rest = await PollAsync(second, context, 7);
        await second.StopAsync(CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 4), seen.Select(r => (int)((Struct)r.Value!).Get("id")!));
        Assert.Equal(Enumerable.Range(5, 7), rest.Select(r => (int)((Struct)r.Value!).Get("id")!));
    }

    [Fact]
    public async Task PollAsync_CustomQuery_FiltersTheQueryAndWritesToTopicPrefix()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE orders (id int PRIMARY KEY, item text NOT NULL, qty int NOT NULL)");
        await db.ExecuteAsync("INSERT INTO orders VALUES (1, 'a', 1), (2, 'b', 5), (3, 'c', 7)");
        var (task, context) = await StartAsync(db.Config(("mode", "incrementing"), ("incrementing.column.name", "id"), ("topic.prefix", "big-orders"),
            ("query", "SELECT id, upper(item) AS item FROM orders WHERE qty > 2"), ("poll.interval.ms", "50")));

        var records = await PollAsync(task, context, 2);
        await db.ExecuteAsync("INSERT INTO orders VALUES (4, 'd', 1), (5, 'e', 9)");
        var more = await PollAsync(task, context, 1);
        await task.StopAsync(CancellationToken.None);

        Assert.Equal([[2, "B"], [3, "C"], [5, "E"]], records.Concat(more).Select(r => Values(r, "id", "item")));
        Assert.All(records, r => Assert.Equal("big-orders", r.Topic));
        Assert.Equal("query", records[0].SourcePartition!["query"]);
    }

    [Fact]
    public async Task PollAsync_NullableIncrementingColumn_FailsUnlessValidationIsOff()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE loose (id int, name text)");
        await db.ExecuteAsync("INSERT INTO loose VALUES (1, 'a')");
        var config = db.Config(("mode", "incrementing"), ("incrementing.column.name", "id"), ("topic.prefix", ""), ("poll.interval.ms", "50"), (JdbcSourceConfig.TablesConfig, Tables("loose")));
        var (strict, _) = await StartAsync(config);

        var error = await Assert.ThrowsAsync<ConnectException>(() => strict.PollAsync(CancellationToken.None));
        await strict.StopAsync(CancellationToken.None);
        config["validate.non.null"] = "false";
        var (lenient, context) = await StartAsync(config);
        var records = await PollAsync(lenient, context, 1);
        await lenient.StopAsync(CancellationToken.None);

        Assert.Contains("nullable", error.Message, StringComparison.Ordinal);
        Assert.Single(records);
    }

    [Fact]
    public async Task PollAsync_NamesWithQuotesSpacesAndKeywords_AreReadAsOneIdentifier()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE \"select \"\"odd\"\" table\" (\"order\" int PRIMARY KEY, \"my col\" text)");
        await db.ExecuteAsync("INSERT INTO \"select \"\"odd\"\" table\" VALUES (1, 'x')");
        var (task, context) = await StartAsync(db.Config(("mode", "incrementing"), ("incrementing.column.name", "order"), ("topic.prefix", "p_"),
            ("poll.interval.ms", "50"), (JdbcSourceConfig.TablesConfig, Tables("select \"odd\" table"))));

        var records = await PollAsync(task, context, 1);
        await task.StopAsync(CancellationToken.None);

        Assert.Equal([[1, "x"]], records.Select(r => Values(r, "order", "my col")));
        Assert.Equal("p_select \"odd\" table", records[0].Topic);
    }

    [Fact]
    public async Task PollAsync_DatabaseUnreachable_IsRetriable()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        var config = db.Config(("mode", "bulk"), ("topic.prefix", ""), (JdbcSourceConfig.TablesConfig, Tables("t")));
        config["connection.url"] = "jdbc:postgresql://127.0.0.1:1/nothing?user=postgres&connectTimeout=2";
        var (task, _) = await StartAsync(config);

        await Assert.ThrowsAsync<RetriableException>(() => task.PollAsync(CancellationToken.None));
        await task.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task PollAsync_ConnectionKilled_IsRetriableAndContinuesAfterTheLastRowReturned()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE orders (id int PRIMARY KEY)");
        await db.ExecuteAsync("INSERT INTO orders SELECT generate_series(1, 5)");
        var (task, context) = await StartAsync(db.Config(("mode", "incrementing"), ("incrementing.column.name", "id"), ("topic.prefix", ""),
            ("poll.interval.ms", "50"), ("batch.max.rows", "2"), (JdbcSourceConfig.TablesConfig, Tables("orders"))));
        var first = (await task.PollAsync(CancellationToken.None))!.ToList();

        await db.ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        // Rows already buffered by the client may still arrive; the next round trip fails.
        var failed = false;
        for (var attempt = 0; attempt < 20 && !failed; attempt++)
        {
            try
            {
                first.AddRange(await task.PollAsync(CancellationToken.None) ?? []);
            }
            catch (RetriableException)
            {
                failed = true;
            }
        }

        await db.ExecuteAsync("INSERT INTO orders VALUES (6)");
        var rest = await PollAsync(task, context, 6 - first.Count);

        Assert.True(failed, "expected a RetriableException after the connection was killed");
        await task.StopAsync(CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 6), first.Concat(rest).Select(r => (int)((Struct)r.Value!).Get("id")!));
    }

    [Fact]
    public async Task PollAsync_TimestampInitial_StartsFromThatInstant()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE items (id int PRIMARY KEY, modified timestamptz NOT NULL)");
        await db.ExecuteAsync("INSERT INTO items VALUES (1, '2020-01-01T00:00:00Z'), (2, '2024-01-01T00:00:00Z')");
        var initial = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var (task, context) = await StartAsync(db.Config(("mode", "timestamp"), ("timestamp.column.name", "modified"), ("topic.prefix", ""),
            ("timestamp.initial", initial.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("poll.interval.ms", "50"), (JdbcSourceConfig.TablesConfig, Tables("items"))));

        var records = await PollAsync(task, context, 1);
        await task.StopAsync(CancellationToken.None);

        Assert.Equal([2], records.Select(r => ((Struct)r.Value!).Get("id")));
    }

    [Theory]
    [InlineData("mode=incrementing", "incrementing.column.name")]
    [InlineData("mode=timestamp+incrementing;incrementing.column.name=id", "timestamp.column.name")]
    [InlineData("mode=timestamp", "timestamp.column.name")]
    [InlineData("topic.prefix=x", "mode")]
    [InlineData("mode=bulk;table.whitelist=a;table.blacklist=b", "table.blacklist")]
    [InlineData("mode=bulk;table.whitelist=a;table.exclude.list=b", "table.exclude.list")]
    [InlineData("mode=bulk;query=SELECT 1;table.whitelist=a", "query")]
    [InlineData("mode=bulk;numeric.mapping=wide", "numeric.mapping")]
    [InlineData("mode=bulk;connection.url=jdbc:sqlserver://h:1433;databaseName=db", "connection.url")]
    [InlineData("mode=bulk;connection.url=jdbc:mysql://h/db?password=p&loggerLevel=x", "connection.url")]
    [InlineData("mode=bulk;connection.url=jdbc:mysql://h/db;dialect.name=PostgreSqlDatabaseDialect", "dialect.name")]
    [InlineData("mode=bulk;connection.url=jdbc:postgresql://h/db?password=p&loggerLevel=x", "connection.url")]
    [InlineData("mode=bulk;db.timezone=Mars/Olympus", "db.timezone")]
    public void Validate_InvalidConfig_ReportsTheKey(string settings, string key)
    {
        var config = new Dictionary<string, string> { ["connection.url"] = "jdbc:postgresql://localhost/db", ["topic.prefix"] = "" };
        foreach (var setting in settings.Split(';'))
        {
            var equals = setting.IndexOf('=', StringComparison.Ordinal);
            config[setting[..equals]] = setting[(equals + 1)..];
        }

        var results = new JdbcSourceConnector().Validate(config);

        Assert.NotEmpty(results.Single(r => r.Name == key).ErrorMessages);
        var error = Assert.ThrowsAny<ConfigException>(() => new JdbcSourceConfig(config));
        Assert.Equal(key, error.Name);
        Assert.DoesNotContain("password=p", error.Message, StringComparison.Ordinal);
    }
}
