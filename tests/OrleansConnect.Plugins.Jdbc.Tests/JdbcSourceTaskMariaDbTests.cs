using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Jdbc.Source;
using OrleansConnect.Plugins.Source;
using ConnectDecimal = OrleansConnect.Plugins.Data.Decimal;

namespace OrleansConnect.Plugins.Jdbc.Tests;

/// <summary>The JDBC source task on a real MariaDB, through a <c>jdbc:mariadb://</c> (or <c>jdbc:mysql://</c>) URL.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class JdbcSourceTaskMariaDbTests(MariaDbFixture server)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static string Tables(MariaDbDatabase db, params string[] names) =>
        System.Text.Json.JsonSerializer.Serialize(names.Select(n => new[] { db.Name, n }).ToArray());

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
    public async Task PollAsync_Bulk_ReadsTheWholeTableAgainEveryPoll()
    {
        var db = await MariaDbDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE colors (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL)");
        await db.ExecuteAsync("INSERT INTO colors VALUES (1, 'red'), (2, 'green')");
        // Longer than a poll waits, so the poll after each read finds the table not due again.
        var (task, context) = await StartAsync(db.Config(("mode", "bulk"), ("topic.prefix", "my-"), ("poll.interval.ms", "2000"), (JdbcSourceConfig.TablesConfig, Tables(db, "colors"))));

        var first = await PollAsync(task, context, 2);
        await db.ExecuteAsync("INSERT INTO colors VALUES (3, 'blue')");
        var second = await PollAsync(task, context, 3);
        await task.StopAsync(CancellationToken.None);

        Assert.Equal([[1, "red"], [2, "green"]], first.Select(r => Values(r, "id", "name")));
        Assert.Equal([[1, "red"], [2, "green"], [3, "blue"]], second.Select(r => Values(r, "id", "name")));
        Assert.All(first.Concat(second), r => Assert.Equal("my-colors", r.Topic));
        Assert.All(first.Concat(second), r => Assert.Null(r.SourceOffset));
    }

    [Fact]
    public async Task PollAsync_Incrementing_ReadsNewRowsOnlyUnderTheDatabaseQualifiedPartition()
    {
        var db = await MariaDbDatabase.CreateAsync(server, scheme: "mysql");
        await db.ExecuteAsync("CREATE TABLE orders (id INT AUTO_INCREMENT PRIMARY KEY, item TEXT NOT NULL)");
        await db.ExecuteAsync("INSERT INTO orders (item) VALUES ('a'), ('b')");
        var (task, context) = await StartAsync(db.Config(("mode", "incrementing"), ("incrementing.column.name", "id"), ("topic.prefix", "my-"),
            ("poll.interval.ms", "50"), (JdbcSourceConfig.TablesConfig, Tables(db, "orders"))));

        var first = await PollAsync(task, context, 2);
        await db.ExecuteAsync("UPDATE orders SET item = 'a2' WHERE id = 1");
        await db.ExecuteAsync("INSERT INTO orders (item) VALUES ('c')");
        var second = await PollAsync(task, context, 1);
        await task.StopAsync(CancellationToken.None);

        Assert.Equal([[1, "a"], [2, "b"]], first.Select(r => Values(r, "id", "item")));
        Assert.Equal([[3, "c"]], second.Select(r => Values(r, "id", "item")));
        // Confluent's MySQL table id is catalog.table: the database, then the table.
        Assert.Equal(new Dictionary<string, object?> { ["protocol"] = "1", ["table"] = db.Name + ".orders" }, second[0].SourcePartition);
        Assert.Equal(3L, second[0].SourceOffset!["incrementing"]);
        Assert.Equal("orders", second[0].ValueSchema!.Name);
    }

    [Fact]
    public async Task PollAsync_Timestamp_ReadsInsertsAndUpdates()
    {
        var db = await MariaDbDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE items (id INT PRIMARY KEY, name TEXT NOT NULL, modified DATETIME(6) NOT NULL DEFAULT NOW(6))");
        await db.ExecuteAsync("INSERT INTO items (id, name) VALUES (1, 'a')");
        await db.ExecuteAsync("INSERT INTO items (id, name) VALUES (2, 'b')");
        var (task, context) = await StartAsync(db.Config(("mode", "timestamp"), ("timestamp.column.name", "modified"), ("topic.prefix", ""),
            ("poll.interval.ms", "50"), (JdbcSourceConfig.TablesConfig, Tables(db, "items"))));

        var first = await PollAsync(task, context, 2);
        await db.ExecuteAsync("UPDATE items SET name = 'a2', modified = NOW(6) WHERE id = 1");
        await db.ExecuteAsync("INSERT INTO items (id, name) VALUES (3, 'c')");
        var second = await PollAsync(task, context, 2);
        await task.StopAsync(CancellationToken.None);

        Assert.Equal([[1, "a"], [2, "b"]], first.Select(r => Values(r, "id", "name")));
        Assert.Equal([[1, "a2"], [3, "c"]], second.Select(r => Values(r, "id", "name")));
        var stored = await db.QueryAsync("SELECT modified FROM items WHERE id = 3");
        var expected = new DateTimeOffset(DateTime.SpecifyKind((DateTime)stored[0][0]!, DateTimeKind.Utc));
        Assert.Equal((expected.UtcTicks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond, second[1].SourceOffset!["timestamp"]);
        Assert.Equal(expected.AddTicks(-(expected.UtcTicks % TimeSpan.TicksPerMillisecond)), ((Struct)second[1].Value!).Get("modified"));
    }

    [Fact]
    public async Task PollAsync_TimestampIncrementing_ReadsInsertsAndUpdatesWithSharedTimestamps()
    {
        var db = await MariaDbDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE items (id INT PRIMARY KEY, name TEXT NOT NULL, created TIMESTAMP(6) NULL, modified TIMESTAMP(6) NULL)");
        // One statement, one timestamp: rows that share it are told apart by id.
        await db.ExecuteAsync("INSERT INTO items VALUES (1, 'a', NOW(6), NULL), (2, 'b', NOW(6), NULL), (3, 'c', NOW(6), NULL)");
        var (task, context) = await StartAsync(db.Config(("mode", "timestamp+incrementing"), ("timestamp.column.name", "modified,created"),
            ("incrementing.column.name", "id"), ("topic.prefix", ""), ("poll.interval.ms", "50"), ("batch.max.rows", "2"), ("validate.non.null", "false"),
            (JdbcSourceConfig.TablesConfig, Tables(db, "items"))));

        var first = await PollAsync(task, context, 3);
        await task.StopAsync(CancellationToken.None);

        // A new task resumes from the committed offset: only the update and the new row.
        await db.ExecuteAsync("UPDATE items SET name = 'b2', modified = NOW(6) + INTERVAL 1 MICROSECOND WHERE id = 2");
        await db.ExecuteAsync("INSERT INTO items VALUES (4, 'd', NOW(6) + INTERVAL 2 MICROSECOND, NULL)");
        var (again, _) = await StartAsync(context.Configs.ToDictionary(), context);
        var second = await PollAsync(again, context, 2);
        await again.StopAsync(CancellationToken.None);

        Assert.Equal([[1, "a"], [2, "b"], [3, "c"]], first.Select(r => Values(r, "id", "name")));
        Assert.Equal([[2, "b2"], [4, "d"]], second.Select(r => Values(r, "id", "name")));
        Assert.Equal(4L, second[1].SourceOffset!["incrementing"]);
    }

    [Fact]
    public async Task PollAsync_TimestampIncrementingWithDelay_WaitsUntilRowsAreOldEnough()
    {
        var db = await MariaDbDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE items (id INT PRIMARY KEY, modified DATETIME(6) NOT NULL DEFAULT NOW(6))");
        await db.ExecuteAsync("INSERT INTO items (id) VALUES (1)");
        var (task, context) = await StartAsync(db.Config(("mode", "timestamp+incrementing"), ("timestamp.column.name", "modified"),
            ("incrementing.column.name", "id"), ("topic.prefix", ""), ("poll.interval.ms", "50"), ("timestamp.delay.interval.ms", "3000"),
            (JdbcSourceConfig.TablesConfig, Tables(db, "items"))));

        var early = await task.PollAsync(CancellationToken.None) ?? [];
        var records = await PollAsync(task, context, 1);
        await task.StopAsync(CancellationToken.None);

        Assert.Empty(early);
        Assert.Equal([1], records.Select(r => ((Struct)r.Value!).Get("id")));
    }

    [Fact]
    public async Task PollAsync_DbTimezone_ReadsDatetimeAndTimestampColumnsAsWallClockTimesInIt()
    {
        var db = await MariaDbDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE t (id INT PRIMARY KEY, dtm DATETIME(3) NOT NULL, ts TIMESTAMP(3) NULL)");
        // The test's own session is UTC: the TIMESTAMP holds the instant 12:14:15.678Z, the DATETIME Paris' wall clock for it.
        await db.ExecuteAsync("SET time_zone = '+00:00'; INSERT INTO t VALUES (1, '2024-02-29 13:14:15.678', '2024-02-29 12:14:15.678')");
        var (task, context) = await StartAsync(db.Config(("mode", "timestamp"), ("timestamp.column.name", "dtm"), ("topic.prefix", ""), ("db.timezone", "Europe/Paris"),
            ("poll.interval.ms", "50"), (JdbcSourceConfig.TablesConfig, Tables(db, "t"))));

        var record = (await PollAsync(task, context, 1)).Single();
        await task.StopAsync(CancellationToken.None);

        var instant = new DateTimeOffset(2024, 2, 29, 12, 14, 15, 678, TimeSpan.Zero);
        Assert.Equal([instant, instant], Values(record, "dtm", "ts"));
        Assert.Equal(instant.ToUnixTimeMilliseconds(), record.SourceOffset!["timestamp"]);
    }

    [Fact]
    public async Task PollAsync_DbTimezoneTheServerKnows_ReadsTimestampsOfTheOtherSeasonExactly()
    {
        await server.LoadTimeZoneAsync("America/New_York");
        var db = await MariaDbDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE t (id INT PRIMARY KEY, dtm DATETIME NOT NULL, ts TIMESTAMP NULL)");
        // July: New York is UTC-4, whatever its offset today.
        await db.ExecuteAsync("SET time_zone = '+00:00'; INSERT INTO t VALUES (1, '2024-07-01 08:00:00', '2024-07-01 12:00:00')");
        var (task, context) = await StartAsync(db.Config(("mode", "bulk"), ("topic.prefix", ""), ("db.timezone", "America/New_York"), (JdbcSourceConfig.TablesConfig, Tables(db, "t"))));

        var record = (await PollAsync(task, context, 1)).Single();
        await task.StopAsync(CancellationToken.None);

        var instant = new DateTimeOffset(2024, 7, 1, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal([instant, instant], Values(record, "dtm", "ts"));
    }

    [Fact]
    public async Task PollAsync_TimestampInitialCurrent_SkipsRowsOlderThanTheStart()
    {
        var db = await MariaDbDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE t (id INT PRIMARY KEY, modified DATETIME(6) NOT NULL)");
        await db.ExecuteAsync("INSERT INTO t VALUES (1, UTC_TIMESTAMP(6) - INTERVAL 1 HOUR)");
        var (task, context) = await StartAsync(db.Config(("mode", "timestamp"), ("timestamp.column.name", "modified"), ("timestamp.initial", "-1"),
            ("topic.prefix", ""), ("poll.interval.ms", "50"), (JdbcSourceConfig.TablesConfig, Tables(db, "t"))));

        var early = await task.PollAsync(CancellationToken.None) ?? [];
        await db.ExecuteAsync("INSERT INTO t VALUES (2, UTC_TIMESTAMP(6))");
        var records = await PollAsync(task, context, 1);
        await task.StopAsync(CancellationToken.None);

        Assert.Empty(early);
        Assert.Equal([2], records.Select(r => ((Struct)r.Value!).Get("id")));
    }

    [Fact]
    public async Task PollAsync_MySqlTypes_MapToConnectSchemasAndValues()
    {
        var db = await MariaDbDatabase.CreateAsync(server);
        await db.ExecuteAsync("""
            CREATE TABLE t (
              id INT NOT NULL PRIMARY KEY, ti TINYINT, uti TINYINT UNSIGNED, si SMALLINT, mi MEDIUMINT, ui INT UNSIGNED, bi BIGINT,
              f FLOAT, d DOUBLE, n DECIMAL(12,3), big DECIMAL(65,0), flag BOOLEAN, b1 BIT(1),
              c CHAR(3), vc VARCHAR(10), tx TEXT, e ENUM('x','y'), j JSON, u CHAR(36),
              vb VARBINARY(4), bl BLOB, dt DATE, tm TIME(3), dtm DATETIME(3), ts TIMESTAMP(3) NULL, y YEAR, pt POINT)
            """);
        await db.ExecuteAsync("""
            INSERT INTO t VALUES (1, -5, 250, -300, 70000, 4000000000, 9000000000, 1.5, 2.25, 123456789.125,
              12345678901234567890123456789012345678901234567890123456789012345, TRUE, b'1',
              'ab', 'héllo', 'long text', 'y', '{"a": 1}', '0f8fad5b-d9cb-469f-a165-70867728950e',
              x'01020304', x'ff00', '2024-02-29', '13:14:15.678', '2024-02-29 13:14:15.678', '2024-02-29 13:14:15.678', 2024, POINT(1, 2))
            """);
        var (task, context) = await StartAsync(db.Config(("mode", "bulk"), ("topic.prefix", ""), (JdbcSourceConfig.TablesConfig, Tables(db, "t"))));

        var record = (await PollAsync(task, context, 1)).Single();
        await task.StopAsync(CancellationToken.None);

        var schema = record.ValueSchema!;
        Assert.Equal(Schema.Int32, schema.Field("id")!.Schema);
        Assert.Equal(
            [Schema.OptionalInt8, Schema.OptionalInt16, Schema.OptionalInt16, Schema.OptionalInt32, Schema.OptionalInt64, Schema.OptionalInt64,
             Schema.OptionalFloat32, Schema.OptionalFloat64, Schema.OptionalBoolean, Schema.OptionalBoolean,
             Schema.OptionalString, Schema.OptionalString, Schema.OptionalString, Schema.OptionalString, Schema.OptionalString, Schema.OptionalString,
             Schema.OptionalBytes, Schema.OptionalBytes, Schema.OptionalInt32],
            new[] { "ti", "uti", "si", "mi", "ui", "bi", "f", "d", "flag", "b1", "c", "vc", "tx", "e", "j", "u", "vb", "bl", "y" }.Select(f => schema.Field(f)!.Schema));
        Assert.Equal(ConnectDecimal.Builder(3).Parameter(SourceColumns.DecimalPrecisionParameter, "12").Optional().Build(), schema.Field("n")!.Schema);
        Assert.Equal(ConnectDecimal.Builder(0).Parameter(SourceColumns.DecimalPrecisionParameter, "65").Optional().Build(), schema.Field("big")!.Schema);
        Assert.Equal(Date.Builder().Optional().Build(), schema.Field("dt")!.Schema);
        Assert.Equal(Time.Builder().Optional().Build(), schema.Field("tm")!.Schema);
        Assert.Equal(Timestamp.Builder().Optional().Build(), schema.Field("dtm")!.Schema);
        Assert.Equal(Timestamp.Builder().Optional().Build(), schema.Field("ts")!.Schema);
        Assert.Null(schema.Field("pt"));

        var value = (Struct)record.Value!;
        Assert.Equal(
            [(sbyte)-5, (short)250, (short)-300, 70000, 4000000000L, 9000000000L, 1.5f, 2.25, true, true, "ab", "héllo", "long text", "y", "0f8fad5b-d9cb-469f-a165-70867728950e", 2024],
            new[] { "ti", "uti", "si", "mi", "ui", "bi", "f", "d", "flag", "b1", "c", "vc", "tx", "e", "u", "y" }.Select(value.Get));
        Assert.Contains("\"a\"", (string)value.Get("j")!, StringComparison.Ordinal);
        Assert.Equal(BigDecimal.Parse("123456789.125"), value.Get("n"));
        Assert.Equal(BigDecimal.Parse("12345678901234567890123456789012345678901234567890123456789012345"), value.Get("big"));
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, value.Get("vb"));
        Assert.Equal(new byte[] { 0xff, 0 }, value.Get("bl"));
        Assert.Equal(new DateOnly(2024, 2, 29), value.Get("dt"));
        Assert.Equal(new TimeOnly(13, 14, 15, 678), value.Get("tm"));
        var instant = new DateTimeOffset(2024, 2, 29, 13, 14, 15, 678, TimeSpan.Zero);
        Assert.Equal(instant, value.Get("dtm"));
        Assert.Equal(instant, value.Get("ts"));
    }

    [Theory]
    [InlineData("best_fit", "n", SchemaType.Float64)]
    [InlineData("precision_only", "i", SchemaType.Int32)]
    [InlineData("none", "i", SchemaType.Bytes)]
    public async Task PollAsync_NumericMapping_MapsDecimalColumnsAsConfluent(string mapping, string column, SchemaType expected)
    {
        var db = await MariaDbDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE t (n DECIMAL(10,2), i DECIMAL(9,0))");
        await db.ExecuteAsync("INSERT INTO t VALUES (12.5, 123456789)");
        var (task, context) = await StartAsync(db.Config(("mode", "bulk"), ("topic.prefix", ""), ("numeric.mapping", mapping), (JdbcSourceConfig.TablesConfig, Tables(db, "t"))));

        var record = (await PollAsync(task, context, 1)).Single();
        await task.StopAsync(CancellationToken.None);

        Assert.Equal(expected, record.ValueSchema!.Field(column)!.Schema.Type);
    }

    [Fact]
    public async Task PollAsync_TableAndColumnsWithBackticksSpacesAndKeywords_AreQuotedIdentifiers()
    {
        var db = await MariaDbDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE `my ``odd`` table` (`select` INT NOT NULL PRIMARY KEY, `from col` TEXT, `a\"b` INT)");
        await db.ExecuteAsync("INSERT INTO `my ``odd`` table` VALUES (1, 'x', 7), (2, 'y', 8)");
        var (task, context) = await StartAsync(db.Config(("mode", "incrementing"), ("incrementing.column.name", "select"), ("topic.prefix", "t-"),
            ("poll.interval.ms", "50"), (JdbcSourceConfig.TablesConfig, Tables(db, "my `odd` table"))));

        var records = await PollAsync(task, context, 2);
        await task.StopAsync(CancellationToken.None);

        Assert.Equal([[1, "x", 7], [2, "y", 8]], records.Select(r => Values(r, "select", "from col", "a\"b")));
        Assert.Equal("t-my `odd` table", records[0].Topic);
        Assert.Equal(db.Name + ".my `odd` table", records[0].SourcePartition!["table"]);
    }

    [Fact]
    public async Task PollAsync_Query_ReadsTheQueryIncrementally()
    {
        var db = await MariaDbDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE orders (id INT PRIMARY KEY, item TEXT NOT NULL, qty INT NOT NULL)");
        await db.ExecuteAsync("INSERT INTO orders VALUES (1, 'a', 1), (2, 'b', 5), (3, 'c', 9)");
        var (task, context) = await StartAsync(db.Config(("mode", "incrementing"), ("incrementing.column.name", "id"), ("topic.prefix", "big-orders"),
            ("poll.interval.ms", "50"), ("query", "SELECT id, item FROM orders WHERE qty > 2")));

        var records = await PollAsync(task, context, 2);
        await task.StopAsync(CancellationToken.None);

        Assert.Equal([[2, "b"], [3, "c"]], records.Select(r => Values(r, "id", "item")));
        Assert.All(records, r => Assert.Equal("big-orders", r.Topic));
    }

    [Theory]
    [InlineData("TIME", "'-01:00:00'")]
    [InlineData("TIME", "'25:00:00'")]
    [InlineData("DATE", "'0000-00-00'")]
    [InlineData("BIGINT UNSIGNED", "18446744073709551615")]
    public async Task PollAsync_ValueItsConnectTypeCannotCarry_FailsNamingTheColumn(string type, string literal)
    {
        var db = await MariaDbDatabase.CreateAsync(server);
        await db.ExecuteAsync($"CREATE TABLE t (v {type})");
        await db.ExecuteAsync($"INSERT INTO t VALUES ({literal})");
        var (task, _) = await StartAsync(db.Config(("mode", "bulk"), ("topic.prefix", ""), (JdbcSourceConfig.TablesConfig, Tables(db, "t"))));

        var error = await Assert.ThrowsAnyAsync<ConnectException>(() => task.PollAsync(CancellationToken.None));
        await task.StopAsync(CancellationToken.None);

        Assert.IsNotType<RetriableException>(error);
        Assert.Contains("\"v\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PollAsync_NullableIncrementingColumn_FailsNamingValidateNonNull()
    {
        var db = await MariaDbDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE t (id INT NULL)");
        var (task, _) = await StartAsync(db.Config(("mode", "incrementing"), ("incrementing.column.name", "id"), ("topic.prefix", ""), (JdbcSourceConfig.TablesConfig, Tables(db, "t"))));

        var error = await Assert.ThrowsAsync<ConnectException>(() => task.PollAsync(CancellationToken.None));
        await task.StopAsync(CancellationToken.None);

        Assert.Contains("validate.non.null", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PollAsync_MariaDbRestarted_ContinuesAfterTheLastRowWithNothingLost()
    {
        var db = await MariaDbDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE events (id INT AUTO_INCREMENT PRIMARY KEY, n INT NOT NULL)");
        await db.ExecuteAsync("INSERT INTO events (n) VALUES (1), (2), (3), (4), (5)");
        var (task, context) = await StartAsync(db.Config(("mode", "incrementing"), ("incrementing.column.name", "id"), ("topic.prefix", ""),
            ("poll.interval.ms", "50"), (JdbcSourceConfig.TablesConfig, Tables(db, "events"))));
        var before = await PollAsync(task, context, 5);

        await server.StopAsync();
        var down = await Assert.ThrowsAsync<RetriableException>(async () =>
        {
            // The table is due again 50 ms after its last read; until then a poll may return nothing.
            while (true)
            {
                Assert.Empty(await task.PollAsync(CancellationToken.None) ?? []);
            }
        });
        await server.StartAsync();
        await db.ExecuteAsync("INSERT INTO events (n) VALUES (6), (7), (8), (9), (10)");
        var after = new List<SourceRecord>();
        var deadline = DateTime.UtcNow + Timeout;
        while (after.Count < 5)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after the restart: expected 5 records, got {after.Count}");
            try
            {
                after.AddRange(await task.PollAsync(CancellationToken.None) ?? []);
            }
            catch (RetriableException)
            {
                // A connection from before the restart, found dead: the next poll takes a new one.
            }
        }

        after.AddRange(await task.PollAsync(CancellationToken.None) ?? []);
        await task.StopAsync(CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 5), before.Select(r => (int)((Struct)r.Value!).Get("n")!));
        Assert.Equal(Enumerable.Range(6, 5), after.Select(r => (int)((Struct)r.Value!).Get("n")!));
        Assert.Contains("will retry", down.Message, StringComparison.Ordinal);
    }
}
