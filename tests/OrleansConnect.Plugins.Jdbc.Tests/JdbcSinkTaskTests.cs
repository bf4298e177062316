using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Jdbc.Sink;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Plugins.Jdbc.Tests;

[Collection(PostgresCollection.Name)]
public sealed class JdbcSinkTaskTests(PostgresFixture server)
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

    [Fact]
    public async Task PutAsync_InsertWithAutoCreate_CreatesTheTableAndWritesEveryRow()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        var task = await StartAsync(db.Config(("auto.create", "true")));

        await task.PutAsync([Record(1, "ada", 1.5), Record(2, "bob")], CancellationToken.None);
        await task.StopAsync(CancellationToken.None);

        var rows = await db.QueryAsync("SELECT id, name, score FROM people ORDER BY id");
        Assert.Equal([[1, "ada", 1.5], [2, "bob", null]], rows);
        var nullable = await db.QueryAsync("SELECT column_name::text, is_nullable::text, data_type::text FROM information_schema.columns WHERE table_name = 'people' ORDER BY ordinal_position");
        Assert.Equal([["id", "NO", "integer"], ["name", "NO", "text"], ["score", "YES", "double precision"]], nullable);
    }

    [Fact]
    public async Task PutAsync_UpsertReplayed_LeavesOneRowPerKeyWithTheLastValues()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        var task = await StartAsync(db.Config(("auto.create", "true"), ("insert.mode", "upsert"), ("pk.mode", "record_key")));
        SinkRecord[] batch = [Record(1, "ada"), Record(2, "bob"), Record(1, "ada2", 3)];

        await task.PutAsync(batch, CancellationToken.None);
        await task.PutAsync(batch, CancellationToken.None);
        await task.PutAsync(batch[..2], CancellationToken.None);
        await task.PutAsync([batch[2]], CancellationToken.None);

        Assert.Equal([[1, "ada2", 3.0], [2, "bob", null]], await db.QueryAsync("SELECT id, name, score FROM people ORDER BY id"));
        var pk = await db.QueryAsync("SELECT a.attname::text FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = 'people'::regclass AND i.indisprimary");
        Assert.Equal([["id"]], pk);
    }

    [Fact]
    public async Task PutAsync_PkModeKafka_KeysRowsByTopicPartitionAndOffset()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        var task = await StartAsync(db.Config(("auto.create", "true"), ("insert.mode", "upsert"), ("pk.mode", "kafka")));

        await task.PutAsync([Record(1, "ada", offset: 10), Record(1, "ada", offset: 11)], CancellationToken.None);
        await task.PutAsync([Record(1, "ada", offset: 11)], CancellationToken.None);

        var rows = await db.QueryAsync("SELECT __connect_topic, __connect_partition, __connect_offset, id FROM people ORDER BY __connect_offset");
        Assert.Equal([["people", 0, 10L, 1], ["people", 0, 11L, 1]], rows);
    }

    [Fact]
    public async Task PutAsync_PkModeRecordValueWithPkFields_UpsertsByThoseValueFields()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        var task = await StartAsync(db.Config(("auto.create", "true"), ("insert.mode", "upsert"), ("pk.mode", "record_value"), ("pk.fields", "name")));

        await task.PutAsync([Record(1, "ada"), Record(2, "ada", 2), Record(3, "bob")], CancellationToken.None);

        Assert.Equal([[2, "ada", 2.0], [3, "bob", null]], await db.QueryAsync("SELECT id, name, score FROM people ORDER BY id"));
    }

    [Fact]
    public async Task PutAsync_PrimitiveKeyWithOnePkField_UsesTheKeyAsThatColumn()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        var task = await StartAsync(db.Config(("auto.create", "true"), ("insert.mode", "upsert"), ("pk.mode", "record_key"), ("pk.fields", "key"), ("fields.whitelist", "name")));
        var value = new Struct(ValueSchema).Put("id", 7).Put("name", "ada").Put("score", 1.0);

        await task.PutAsync([new SinkRecord("people", 0, Schema.String, "k1", ValueSchema, value, 0)], CancellationToken.None);

        Assert.Equal([["k1", "ada"]], await db.QueryAsync("SELECT * FROM people"));
    }

    [Fact]
    public async Task PutAsync_UpdateMode_UpdatesExistingRowsOnly()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL, score float8)");
        await db.ExecuteAsync("INSERT INTO people VALUES (1, 'ada', NULL)");
        var task = await StartAsync(db.Config(("insert.mode", "update"), ("pk.mode", "record_key")));

        await task.PutAsync([Record(1, "ada2", 4), Record(2, "bob")], CancellationToken.None);

        Assert.Equal([[1, "ada2", 4.0]], await db.QueryAsync("SELECT id, name, score FROM people ORDER BY id"));
    }

    [Fact]
    public async Task PutAsync_NewOptionalField_AutoEvolveAddsANullableColumn()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        var task = await StartAsync(db.Config(("auto.create", "true"), ("auto.evolve", "true"), ("insert.mode", "upsert"), ("pk.mode", "record_key")));
        await task.PutAsync([Record(1, "ada")], CancellationToken.None);
        var wider = SchemaBuilder.Struct().Name("Value").Field("id", Schema.Int32).Field("name", Schema.String).Field("score", Schema.OptionalFloat64)
            .Field("email", Schema.OptionalString).Build();
        var value = new Struct(wider).Put("id", 2).Put("name", "bob").Put("email", "bob@example.com");

        await task.PutAsync([new SinkRecord("people", 0, KeySchema, new Struct(KeySchema).Put("id", 2), wider, value, 1)], CancellationToken.None);

        Assert.Equal([[1, "ada", null], [2, "bob", "bob@example.com"]], await db.QueryAsync("SELECT id, name, email FROM people ORDER BY id"));
        Assert.Equal([["YES"]], await db.QueryAsync("SELECT is_nullable::text FROM information_schema.columns WHERE table_name = 'people' AND column_name = 'email'"));
    }

    [Fact]
    public async Task PutAsync_NewFieldWithoutAutoEvolve_FailsNamingTheMissingField()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL)");
        var task = await StartAsync(db.Config());

        var error = await Assert.ThrowsAsync<ConnectException>(() => task.PutAsync([Record(1, "ada")], CancellationToken.None));

        Assert.Contains("score", error.Message, StringComparison.Ordinal);
        Assert.Contains("auto.evolve", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutAsync_MissingTableWithoutAutoCreate_FailsNamingTheTable()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        var task = await StartAsync(db.Config());

        var error = await Assert.ThrowsAsync<ConnectException>(() => task.PutAsync([Record(1, "ada")], CancellationToken.None));

        Assert.Contains("people", error.Message, StringComparison.Ordinal);
        Assert.Contains("auto.create", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutAsync_Tombstone_DeletesTheRowOfItsKey()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        var task = await StartAsync(db.Config(("auto.create", "true"), ("insert.mode", "upsert"), ("pk.mode", "record_key"), ("delete.enabled", "true")));

        await task.PutAsync([Record(1, "ada", offset: 0), Record(2, "bob", offset: 1), Tombstone(1, 2), Record(3, "cy", offset: 3), Tombstone(3, 4), Record(3, "cy2", offset: 5)], CancellationToken.None);

        Assert.Equal([[2, "bob"], [3, "cy2"]], await db.QueryAsync("SELECT id, name FROM people ORDER BY id"));
    }

    [Fact]
    public async Task PutAsync_TombstoneWithDeletesDisabled_IsADataException()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        var task = await StartAsync(db.Config(("auto.create", "true")));

        var error = await Assert.ThrowsAsync<DataException>(() => task.PutAsync([Tombstone(1, 0)], CancellationToken.None));

        Assert.Contains("delete.enabled=false", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutAsync_NamesWithQuotesSpacesAndKeywords_AreQuotedIdentifiers()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        var task = await StartAsync(db.Config(("auto.create", "true"), ("auto.evolve", "true"), ("insert.mode", "upsert"), ("pk.mode", "record_value"), ("pk.fields", "select"),
            ("table.name.format", "order \"${topic}\"; DROP TABLE x")));
        var schema = SchemaBuilder.Struct().Field("select", Schema.Int32).Field("my \"odd\" col", Schema.OptionalString).Field("from", Schema.OptionalString).Build();
        var value = new Struct(schema).Put("select", 1).Put("my \"odd\" col", "Robert'); DROP TABLE students;--").Put("from", "x");

        await task.PutAsync([new SinkRecord("where", 0, null, null, schema, value, 0)], CancellationToken.None);
        await task.PutAsync([new SinkRecord("where", 0, null, null, schema, value, 0)], CancellationToken.None);

        Assert.Equal([[1, "Robert'); DROP TABLE students;--", "x"]], await db.QueryAsync("SELECT \"select\", \"my \"\"odd\"\" col\", \"from\" FROM \"order \"\"where\"\"; DROP TABLE x\""));
    }

    [Fact]
    public async Task PutAsync_FailingStatement_RetriesUpToMaxRetriesThenFails()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL, score float8)");
        await db.ExecuteAsync("INSERT INTO people VALUES (1, 'ada', NULL)");
        var config = db.Config(("max.retries", "2"), ("retry.backoff.ms", "50"), ("batch.size", "1"));
        var context = new TestSinkTaskContext(config);
        var task = await StartAsync(config, context);
        SinkRecord[] batch = [Record(2, "bob"), Record(1, "duplicate")];

        await Assert.ThrowsAsync<RetriableException>(() => task.PutAsync(batch, CancellationToken.None));
        Assert.Equal(50, context.TimeoutMs);
        await Assert.ThrowsAsync<RetriableException>(() => task.PutAsync(batch, CancellationToken.None));
        var error = await Assert.ThrowsAsync<ConnectException>(() => task.PutAsync(batch, CancellationToken.None));

        Assert.IsNotType<RetriableException>(error);
        Assert.Equal([[1, "ada"]], await db.QueryAsync("SELECT id, name FROM people ORDER BY id"));
    }

    [Fact]
    public async Task PutAsync_DatabaseUnreachable_IsRetriableWithoutUsingUpRetries()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        var config = db.Config(("max.retries", "0"), ("auto.create", "true"));
        config["connection.url"] = "jdbc:postgresql://127.0.0.1:1/nothing?user=postgres&connectTimeout=2";
        var task = await StartAsync(config);

        await Assert.ThrowsAsync<RetriableException>(() => task.PutAsync([Record(1, "ada")], CancellationToken.None));
        await Assert.ThrowsAsync<RetriableException>(() => task.PutAsync([Record(1, "ada")], CancellationToken.None));
    }

    [Fact]
    public async Task PutAsync_ConnectionKilled_IsRetriableAndTheRedeliveredBatchIsWritten()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        var task = await StartAsync(db.Config(("auto.create", "true"), ("insert.mode", "upsert"), ("pk.mode", "record_key"), ("max.retries", "0")));
        await task.PutAsync([Record(1, "ada")], CancellationToken.None);

        await db.ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        SinkRecord[] batch = [Record(2, "bob"), Record(3, "cy")];
        await Assert.ThrowsAsync<RetriableException>(() => task.PutAsync(batch, CancellationToken.None));
        await task.PutAsync(batch, CancellationToken.None);
        await task.StopAsync(CancellationToken.None);

        Assert.Equal([[1], [2], [3]], await db.QueryAsync("SELECT id FROM people ORDER BY id"));
    }

    [Theory]
    [InlineData("insert.mode=upsert", "pk.mode")]
    [InlineData("insert.mode=update", "pk.mode")]
    [InlineData("delete.enabled=true", "delete.enabled")]
    [InlineData("pk.mode=kafka;pk.fields=a,b", "pk.fields")]
    [InlineData("insert.mode=merge", "insert.mode")]
    [InlineData("quote.sql.identifiers=never", "quote.sql.identifiers")]
    public void Validate_InvalidCombination_ReportsTheKey(string settings, string key)
    {
        var config = new Dictionary<string, string> { ["connection.url"] = "jdbc:postgresql://localhost/db" };
        foreach (var setting in settings.Split(';'))
        {
            var parts = setting.Split('=');
            config[parts[0]] = parts[1];
        }

        var results = new JdbcSinkConnector().Validate(config);

        Assert.NotEmpty(results.Single(r => r.Name == key).ErrorMessages);
        var error = Assert.ThrowsAny<ConfigException>(() => new JdbcSinkConfig(config));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
