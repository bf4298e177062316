using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Jdbc.Sink;
using OrleansConnect.Plugins.Sink;
using ConnectDecimal = OrleansConnect.Plugins.Data.Decimal;

namespace OrleansConnect.Plugins.Jdbc.Tests;

/// <summary>The JDBC sink task on a real MariaDB, through a <c>jdbc:mariadb://</c> URL.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class JdbcSinkTaskMariaDbTests(MariaDbFixture server)
{
    private static readonly Schema KeySchema = SchemaBuilder.Struct().Name("Key").Field("id", Schema.Int32).Build();

    private static readonly Schema ValueSchema = SchemaBuilder.Struct().Name("Value")
        .Field("id", Schema.Int32)
        .Field("name", Schema.String)
        .Field("score", Schema.OptionalFloat64)
        .Build();

    private static SinkRecord Record(int id, string name, double? score = null, long offset = 0, string topic = "people")
    {
        var key = new Struct(KeySchema).Put("id", id);
        var value = new Struct(ValueSchema).Put("id", id).Put("name", name).Put("score", score);
        return new SinkRecord(topic, 0, KeySchema, key, ValueSchema, value, offset);
    }

    private static SinkRecord Tombstone(int id, long offset, string topic = "people") =>
        new(topic, 0, KeySchema, new Struct(KeySchema).Put("id", id), null, null, offset);

    private static async Task<JdbcSinkTask> StartAsync(Dictionary<string, string> config, TestSinkTaskContext? context = null)
    {
        var task = new JdbcSinkTask();
        task.Initialize(context ?? new TestSinkTaskContext(config));
        await task.StartAsync(config, CancellationToken.None);
        return task;
    }

    private static Task<List<object?[]>> ColumnsAsync(MariaDbDatabase db, string table) =>
        db.QueryAsync($"SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_KEY FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '{table}' ORDER BY ORDINAL_POSITION");

    [Fact]
    public async Task PutAsync_InsertWithAutoCreate_CreatesTheTableWithMySqlTypesAndWritesEveryValue()
    {
        var db = await MariaDbDatabase.CreateAsync(server);
        var schema = SchemaBuilder.Struct().Name("Row")
            .Field("id", Schema.Int32).Field("i8", Schema.Int8).Field("i16", Schema.Int16).Field("i64", Schema.OptionalInt64)
            .Field("f32", Schema.OptionalFloat32).Field("f64", Schema.OptionalFloat64).Field("flag", Schema.OptionalBoolean)
            .Field("text", Schema.OptionalString).Field("blob", Schema.OptionalBytes).Field("amount", ConnectDecimal.Builder(2).Optional().Build())
            .Field("day", Date.Builder().Optional().Build()).Field("clock", Time.Builder().Optional().Build()).Field("at", Timestamp.Builder().Optional().Build())
            .Build();
        var at = new DateTimeOffset(2024, 2, 29, 13, 14, 15, 678, TimeSpan.Zero);
        var value = new Struct(schema).Put("id", 1).Put("i8", (sbyte)-8).Put("i16", (short)1600).Put("i64", 1L << 40).Put("f32", 1.5f).Put("f64", 2.25)
            .Put("flag", true).Put("text", "héllo").Put("blob", new byte[] { 1, 0, 255 }).Put("amount", BigDecimal.Parse("123456789012345678901234567890.12"))
            .Put("day", new DateOnly(2024, 2, 29)).Put("clock", new TimeOnly(13, 14, 15, 678)).Put("at", at);
        var empty = new Struct(schema).Put("id", 2).Put("i8", (sbyte)0).Put("i16", (short)0);
        var task = await StartAsync(db.Config(("auto.create", "true"), ("pk.mode", "record_value"), ("pk.fields", "id")));

        await task.PutAsync([new SinkRecord("rows", 0, null, null, schema, value, 0), new SinkRecord("rows", 0, null, null, schema, empty, 1)], CancellationToken.None);
        await task.StopAsync(CancellationToken.None);

        Assert.Equal(
            [
                ["id", "int(11)", "NO", "PRI"], ["i8", "tinyint(4)", "NO", ""], ["i16", "smallint(6)", "NO", ""], ["i64", "bigint(20)", "YES", ""],
                ["f32", "float", "YES", ""], ["f64", "double", "YES", ""], ["flag", "tinyint(1)", "YES", ""], ["text", "text", "YES", ""],
                ["blob", "blob", "YES", ""], ["amount", "decimal(65,2)", "YES", ""], ["day", "date", "YES", ""], ["clock", "time(3)", "YES", ""],
                ["at", "datetime(3)", "YES", ""],
            ],
            await ColumnsAsync(db, "rows"));
        var rows = await db.QueryAsync("SELECT id, i8, i16, i64, f32, f64, flag, `text`, `blob`, CAST(amount AS CHAR), day, clock, `at` FROM `rows` ORDER BY id");
        Assert.Equal(
            [
                [1, (sbyte)-8, (short)1600, 1L << 40, 1.5f, 2.25, true, "héllo", new byte[] { 1, 0, 255 }, "123456789012345678901234567890.12",
                    new DateTime(2024, 2, 29), new TimeSpan(0, 13, 14, 15, 678), new DateTime(2024, 2, 29, 13, 14, 15, 678)],
                [2, (sbyte)0, (short)0, null, null, null, null, null, null, null, null, null, null],
            ],
            rows);
    }

    [Fact]
    public async Task PutAsync_DbTimezone_WritesTimestampsAsWallClockTimesInIt()
    {
        var db = await MariaDbDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE t (id INT PRIMARY KEY, dtm DATETIME(3), ts TIMESTAMP(3) NULL)");
        var schema = SchemaBuilder.Struct().Field("id", Schema.Int32).Field("dtm", Timestamp.Builder().Build()).Field("ts", Timestamp.Builder().Build()).Build();
        var instant = new DateTimeOffset(2024, 2, 29, 12, 14, 15, 678, TimeSpan.Zero);
        var task = await StartAsync(db.Config(("db.timezone", "Europe/Paris")));

        await task.PutAsync([new SinkRecord("t", 0, null, null, schema, new Struct(schema).Put("id", 1).Put("dtm", instant).Put("ts", instant), 0)], CancellationToken.None);
        await task.StopAsync(CancellationToken.None);

        // Read in UTC: the DATETIME holds Paris' wall clock, the TIMESTAMP the instant.
        Assert.Equal([["2024-02-29 13:14:15.678", "2024-02-29 12:14:15.678"]],
            await db.QueryAsync("SET time_zone = '+00:00'; SELECT CAST(dtm AS CHAR), CAST(ts AS CHAR) FROM t"));
    }

    [Fact]
    public async Task PutAsync_DbTimezoneTheServerKnows_WritesTimestampsOfTheOtherSeasonExactly()
    {
        await server.LoadTimeZoneAsync("America/New_York");
        var db = await MariaDbDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE t (id INT PRIMARY KEY, dtm DATETIME, ts TIMESTAMP NULL)");
        var schema = SchemaBuilder.Struct().Field("id", Schema.Int32).Field("dtm", Timestamp.Builder().Build()).Field("ts", Timestamp.Builder().Build()).Build();
        var instant = new DateTimeOffset(2024, 7, 1, 12, 0, 0, TimeSpan.Zero);
        var task = await StartAsync(db.Config(("db.timezone", "America/New_York")));

        await task.PutAsync([new SinkRecord("t", 0, null, null, schema, new Struct(schema).Put("id", 1).Put("dtm", instant).Put("ts", instant), 0)], CancellationToken.None);
        await task.StopAsync(CancellationToken.None);

        Assert.Equal([["2024-07-01 08:00:00", "2024-07-01 12:00:00"]],
            await db.QueryAsync("SET time_zone = '+00:00'; SELECT CAST(dtm AS CHAR), CAST(ts AS CHAR) FROM t"));
    }

    [Fact]
    public async Task PutAsync_UpsertReplayed_LeavesOneRowPerKeyWithTheLastValues()
    {
        var db = await MariaDbDatabase.CreateAsync(server);
        var task = await StartAsync(db.Config(("auto.create", "true"), ("insert.mode", "upsert"), ("pk.mode", "record_key")));
        SinkRecord[] batch = [Record(1, "ada"), Record(2, "bob"), Record(1, "ada2", 3)];

        await task.PutAsync(batch, CancellationToken.None);
        await task.PutAsync(batch, CancellationToken.None);
        await task.PutAsync(batch[..2], CancellationToken.None);
        await task.PutAsync([batch[2]], CancellationToken.None);

        Assert.Equal([[1, "ada2", 3.0], [2, "bob", null]], await db.QueryAsync("SELECT id, name, score FROM people ORDER BY id"));
        Assert.Equal("PRI", (await ColumnsAsync(db, "people"))[0][3]);
    }

    [Fact]
    public async Task PutAsync_PkModeKafkaUpsert_KeysRowsByTopicPartitionAndOffsetInAStringKey()
    {
        var db = await MariaDbDatabase.CreateAsync(server);
        var task = await StartAsync(db.Config(("auto.create", "true"), ("insert.mode", "upsert"), ("pk.mode", "kafka")));

        await task.PutAsync([Record(1, "ada", offset: 10), Record(1, "ada", offset: 11)], CancellationToken.None);
        await task.PutAsync([Record(1, "ada", offset: 11)], CancellationToken.None);

        var rows = await db.QueryAsync("SELECT __connect_topic, __connect_partition, __connect_offset, id FROM people ORDER BY __connect_offset");
        Assert.Equal([["people", 0, 10L, 1], ["people", 0, 11L, 1]], rows);
        var topic = (await ColumnsAsync(db, "people"))[0];
        Assert.Equal(["varchar(256)", "PRI"], [topic[1], topic[3]]);
    }

    [Fact]
    public async Task PutAsync_UpsertWithEveryColumnInTheKey_KeepsOneRow()
    {
        var db = await MariaDbDatabase.CreateAsync(server);
        var task = await StartAsync(db.Config(("auto.create", "true"), ("insert.mode", "upsert"), ("pk.mode", "record_value")));

        await task.PutAsync([Record(1, "ada", 1), Record(1, "ada", 1)], CancellationToken.None);

        Assert.Equal([[1, "ada", 1.0]], await db.QueryAsync("SELECT id, name, score FROM people"));
    }

    [Fact]
    public async Task PutAsync_UpdateMode_UpdatesExistingRowsOnly()
    {
        var db = await MariaDbDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE people (id INT PRIMARY KEY, name TEXT NOT NULL, score DOUBLE)");
        await db.ExecuteAsync("INSERT INTO people VALUES (1, 'ada', NULL)");
        var task = await StartAsync(db.Config(("insert.mode", "update"), ("pk.mode", "record_key")));

        await task.PutAsync([Record(1, "ada2", 4), Record(2, "bob")], CancellationToken.None);

        Assert.Equal([[1, "ada2", 4.0]], await db.QueryAsync("SELECT id, name, score FROM people ORDER BY id"));
    }

    [Fact]
    public async Task PutAsync_NewOptionalField_AutoEvolveAltersTheTableWithANullableColumn()
    {
        var db = await MariaDbDatabase.CreateAsync(server);
        var task = await StartAsync(db.Config(("auto.create", "true"), ("auto.evolve", "true"), ("insert.mode", "upsert"), ("pk.mode", "record_key")));
        await task.PutAsync([Record(1, "ada")], CancellationToken.None);
        var wider = SchemaBuilder.Struct().Name("Value").Field("id", Schema.Int32).Field("name", Schema.String).Field("score", Schema.OptionalFloat64)
            .Field("email", Schema.OptionalString).Field("visits", Schema.OptionalInt64).Build();
        var value = new Struct(wider).Put("id", 2).Put("name", "bob").Put("email", "bob@example.com").Put("visits", 3L);

        await task.PutAsync([new SinkRecord("people", 0, KeySchema, new Struct(KeySchema).Put("id", 2), wider, value, 1)], CancellationToken.None);

        Assert.Equal([[1, "ada", null, null], [2, "bob", "bob@example.com", 3L]], await db.QueryAsync("SELECT id, name, email, visits FROM people ORDER BY id"));
        Assert.Equal([["email", "text", "YES", ""], ["visits", "bigint(20)", "YES", ""]], (await ColumnsAsync(db, "people"))[3..]);
    }

    [Fact]
    public async Task PutAsync_NewFieldWithoutAutoEvolve_FailsNamingTheMissingField()
    {
        var db = await MariaDbDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE people (id INT PRIMARY KEY, name TEXT NOT NULL)");
        var task = await StartAsync(db.Config());

        var error = await Assert.ThrowsAsync<ConnectException>(() => task.PutAsync([Record(1, "ada")], CancellationToken.None));

        Assert.Contains("score", error.Message, StringComparison.Ordinal);
        Assert.Contains("auto.evolve", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutAsync_Tombstone_DeletesTheRowOfItsKey()
    {
        var db = await MariaDbDatabase.CreateAsync(server);
        var task = await StartAsync(db.Config(("auto.create", "true"), ("insert.mode", "upsert"), ("pk.mode", "record_key"), ("delete.enabled", "true")));

        await task.PutAsync([Record(1, "ada", offset: 0), Record(2, "bob", offset: 1), Tombstone(1, 2), Record(3, "cy", offset: 3), Tombstone(3, 4), Record(3, "cy2", offset: 5)], CancellationToken.None);

        Assert.Equal([[2, "bob"], [3, "cy2"]], await db.QueryAsync("SELECT id, name FROM people ORDER BY id"));
    }

    [Fact]
    public async Task PutAsync_NamesWithBackticksQuotesSpacesAndKeywords_AreQuotedIdentifiers()
    {
        var db = await MariaDbDatabase.CreateAsync(server);
        var task = await StartAsync(db.Config(("auto.create", "true"), ("auto.evolve", "true"), ("insert.mode", "upsert"), ("pk.mode", "record_value"), ("pk.fields", "select"),
            ("table.name.format", "order `${topic}`; DROP TABLE x")));
        var schema = SchemaBuilder.Struct().Field("select", Schema.Int32).Field("my `odd` \"col\"?", Schema.OptionalString).Field("from", Schema.OptionalString).Build();
        var value = new Struct(schema).Put("select", 1).Put("my `odd` \"col\"?", "Robert'); DROP TABLE students;-- ?").Put("from", "x");

        await task.PutAsync([new SinkRecord("where", 0, null, null, schema, value, 0)], CancellationToken.None);
        await task.PutAsync([new SinkRecord("where", 0, null, null, schema, value, 0)], CancellationToken.None);

        Assert.Equal([[1, "Robert'); DROP TABLE students;-- ?", "x"]], await db.QueryAsync("SELECT `select`, `my ``odd`` \"col\"?`, `from` FROM `order ``where``; DROP TABLE x`"));
    }

    [Fact]
    public async Task PutAsync_FailingStatement_RetriesUpToMaxRetriesThenFails()
    {
        var db = await MariaDbDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE people (id INT PRIMARY KEY, name TEXT NOT NULL, score DOUBLE)");
        await db.ExecuteAsync("INSERT INTO people VALUES (1, 'ada', NULL)");
        var config = db.Config(("max.retries", "1"), ("retry.backoff.ms", "50"), ("batch.size", "1"));
        var context = new TestSinkTaskContext(config);
        var task = await StartAsync(config, context);
        SinkRecord[] batch = [Record(2, "bob"), Record(1, "duplicate")];

        await Assert.ThrowsAsync<RetriableException>(() => task.PutAsync(batch, CancellationToken.None));
        Assert.Equal(50, context.TimeoutMs);
        var error = await Assert.ThrowsAsync<ConnectException>(() => task.PutAsync(batch, CancellationToken.None));

        Assert.IsNotType<RetriableException>(error);
        Assert.Equal([[1, "ada"]], await db.QueryAsync("SELECT id, name FROM people ORDER BY id"));
    }

    [Fact]
    public async Task PutAsync_MariaDbRestarted_IsRetriedWithoutUsingUpRetriesAndNothingIsLost()
    {
        var db = await MariaDbDatabase.CreateAsync(server);
        var task = await StartAsync(db.Config(("auto.create", "true"), ("insert.mode", "upsert"), ("pk.mode", "record_key"), ("max.retries", "0")));
        await task.PutAsync([Record(1, "ada"), Record(2, "bob")], CancellationToken.None);

        await server.StopAsync();
        SinkRecord[] batch = [Record(3, "cy"), Record(4, "dee")];
        await Assert.ThrowsAsync<RetriableException>(() => task.PutAsync(batch, CancellationToken.None));
        await Assert.ThrowsAsync<RetriableException>(() => task.PutAsync(batch, CancellationToken.None));
        await server.StartAsync();
        // The runtime redelivers the batch until a put succeeds.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                await task.PutAsync(batch, CancellationToken.None);
                break;
            }
            catch (RetriableException) when (DateTime.UtcNow < deadline)
            {
                // A connection from before the restart, found dead.
            }
        }

        await task.StopAsync(CancellationToken.None);

        Assert.Equal([[1, "ada"], [2, "bob"], [3, "cy"], [4, "dee"]], await db.QueryAsync("SELECT id, name FROM people ORDER BY id"));
    }

    [Fact]
    public void Validate_MySqlUrlWithUnknownParameter_ReportsConnectionUrlWithoutThePassword()
    {
        var config = new Dictionary<string, string> { ["connection.url"] = "jdbc:mariadb://h:3306/db?password=secret&cachePrepStmts=true" };

        var results = new JdbcSinkConnector().Validate(config);

        var error = Assert.Single(results.Single(r => r.Name == "connection.url").ErrorMessages);
        Assert.Contains("cachePrepStmts", error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error, StringComparison.Ordinal);
    }
}
