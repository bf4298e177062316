using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Jdbc.Sink;
using OrleansConnect.Plugins.Jdbc.Source;
using OrleansConnect.Plugins.Sink;
using OrleansConnect.Plugins.Source;
using ConnectDecimal = OrleansConnect.Plugins.Data.Decimal;

namespace OrleansConnect.Plugins.Jdbc.Tests;

/// <summary>Source records of a table with every mapped type, put into the sink, make an identical table.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RoundTripTests(PostgresFixture server)
{
    private const string Columns = """
        id int8 PRIMARY KEY, s int2, i int4 NOT NULL, f4 float4, f8 float8, n numeric(12,3), b bool, t text, vc varchar(20), c char(4),
        by bytea, d date, tm time, ts timestamp, tstz timestamptz, u uuid, j json, jb jsonb, ai int4[], at text[], af float8[], ab bool[], au uuid[], ajb jsonb[]
        """;

    [Fact]
    public async Task SourceToSink_EveryMappedType_CopiesTheTableExactly()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        await db.ExecuteAsync($"CREATE TABLE everything ({Columns})");
        await db.ExecuteAsync($"CREATE TABLE copy ({Columns})");
        await db.ExecuteAsync("""
            INSERT INTO everything VALUES
            (1, -32768, 2147483647, 1.5, -2.25e300, 123456789.123, true, 'ünïcode ''quoted''', 'varying', 'ab', '\x00ff10'::bytea, '2024-02-29', '23:59:59.999',
             '2024-02-29 12:34:56.789', '1999-12-31 23:59:59.123+02', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"a": [1, 2]}', '{"b": {"c": null}}',
             '{1,NULL,3}', '{"x","y z","q\"u\\o","NULL",NULL}', '{0.5,-1}', '{true,false}', '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,NULL}',
             ARRAY['{"k": "v"}'::jsonb, '[1]'::jsonb]),
            (2, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
            (3, 0, -1, 'NaN', 'Infinity', -0.001, false, '', '', '', '', '0001-01-02', '00:00', '1970-01-01 00:00', '1970-01-01 00:00+00',
             '00000000-0000-0000-0000-000000000000', '[]', '{}', '{}', '{}', '{}', '{}', '{}', '{}')
            """);
        var sourceConfig = db.Config(("mode", "incrementing"), ("incrementing.column.name", "id"), ("topic.prefix", "rt-"),
            (JdbcSourceConfig.TablesConfig, System.Text.Json.JsonSerializer.Serialize(new[] { new[] { "public", "everything" } })));
        var source = new JdbcSourceTask();
        var context = new TestSourceTaskContext(sourceConfig);
        source.Initialize(context);
        await source.StartAsync(sourceConfig, CancellationToken.None);
        var records = (await source.PollAsync(CancellationToken.None))!;
        await source.StopAsync(CancellationToken.None);

        var sinkConfig = db.Config(("table.name.format", "copy"), ("insert.mode", "upsert"), ("pk.mode", "record_value"), ("pk.fields", "id"));
        var sink = new JdbcSinkTask();
        sink.Initialize(new TestSinkTaskContext(sinkConfig));
        await sink.StartAsync(sinkConfig, CancellationToken.None);
        var sinkRecords = records.Select((r, i) => new SinkRecord(r.Topic, 0, r.KeySchema, r.Key, r.ValueSchema, r.Value, i)).ToList();
        await sink.PutAsync(sinkRecords, CancellationToken.None);
        await sink.PutAsync(sinkRecords, CancellationToken.None);
        await sink.StopAsync(CancellationToken.None);

        Assert.Equal(3, records.Count);
        var schema = records[0].ValueSchema!;
        Assert.Equal(Schema.Int32, schema.Field("i")!.Schema);
        Assert.Equal(Schema.OptionalInt16, schema.Field("s")!.Schema);
        Assert.Equal(ConnectDecimal.Builder(3).Optional().Build(), schema.Field("n")!.Schema);
        Assert.Equal(Timestamp.Builder().Optional().Build(), schema.Field("tstz")!.Schema);
        Assert.Equal(SchemaBuilder.Array(Schema.OptionalInt32).Optional().Build(), schema.Field("ai")!.Schema);
        Assert.Equal(Schema.OptionalString, schema.Field("u")!.Schema);
        Assert.Equal(new DateTimeOffset(1999, 12, 31, 21, 59, 59, 123, TimeSpan.Zero), ((Struct)records[0].Value!).Get("tstz"));
        var expected = await db.QueryAsync("SELECT r::text FROM everything r ORDER BY id");
        var actual = await db.QueryAsync("SELECT r::text FROM copy r ORDER BY id");
        Assert.Equal(string.Join("\n", expected.Select(r => r[0])), string.Join("\n", actual.Select(r => r[0])));
    }

    [Theory]
    [InlineData("none", "numeric(5,0)", "Decimal")]
    [InlineData("precision_only", "numeric(2,0)", "Int8")]
    [InlineData("precision_only", "numeric(9,0)", "Int32")]
    [InlineData("precision_only", "numeric(18,0)", "Int64")]
    [InlineData("precision_only", "numeric(10,2)", "Decimal")]
    [InlineData("best_fit", "numeric(10,2)", "Float64")]
    [InlineData("best_fit", "numeric(30,2)", "Decimal")]
    [InlineData("best_fit_eager_double", "numeric(30,2)", "Float64")]
    [InlineData("none", "numeric", "Float64")]
    public async Task Source_NumericMapping_ChoosesTheConnectType(string mapping, string type, string expected)
    {
        var db = await JdbcDatabase.CreateAsync(server);
        await db.ExecuteAsync($"CREATE TABLE nums (id int PRIMARY KEY, v {type})");
        await db.ExecuteAsync("INSERT INTO nums VALUES (1, 12)");
        var config = db.Config(("mode", "bulk"), ("topic.prefix", ""), ("numeric.mapping", mapping),
            (JdbcSourceConfig.TablesConfig, System.Text.Json.JsonSerializer.Serialize(new[] { new[] { "public", "nums" } })));
        var source = new JdbcSourceTask();
        source.Initialize(new TestSourceTaskContext(config));
        await source.StartAsync(config, CancellationToken.None);
        var record = Assert.Single((await source.PollAsync(CancellationToken.None))!);
        await source.StopAsync(CancellationToken.None);

        var field = record.ValueSchema!.Field("v")!.Schema;
        Assert.Equal(expected, field.Name == ConnectDecimal.LogicalName ? "Decimal" : field.Type.ToString());
        Assert.Equal(12.0, Convert.ToDouble(((Struct)record.Value!).Get("v"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task DbTimezone_TimestampWithoutTimeZone_IsWallClockTimeInThatZone()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE times (id int PRIMARY KEY, local timestamp NOT NULL)");
        var schema = SchemaBuilder.Struct().Field("id", Schema.Int32).Field("local", Timestamp.Schema).Build();
        var instant = new DateTimeOffset(2024, 7, 1, 12, 0, 0, TimeSpan.Zero);
        var sinkConfig = db.Config(("table.name.format", "times"), ("db.timezone", "America/New_York"));
        var sink = new JdbcSinkTask();
        sink.Initialize(new TestSinkTaskContext(sinkConfig));
        await sink.StartAsync(sinkConfig, CancellationToken.None);
        await sink.PutAsync([new SinkRecord("t", 0, null, null, schema, new Struct(schema).Put("id", 1).Put("local", instant), 0)], CancellationToken.None);
        await sink.StopAsync(CancellationToken.None);

        var sourceConfig = db.Config(("mode", "bulk"), ("topic.prefix", ""), ("db.timezone", "America/New_York"),
            (JdbcSourceConfig.TablesConfig, System.Text.Json.JsonSerializer.Serialize(new[] { new[] { "public", "times" } })));
        var source = new JdbcSourceTask();
        source.Initialize(new TestSourceTaskContext(sourceConfig));
        await source.StartAsync(sourceConfig, CancellationToken.None);
        var record = Assert.Single((await source.PollAsync(CancellationToken.None))!);
        await source.StopAsync(CancellationToken.None);

        Assert.Equal([["2024-07-01 08:00:00"]], await db.QueryAsync("SELECT local::text FROM times"));
        Assert.Equal(instant, ((Struct)record.Value!).Get("local"));
    }

    [Fact]
    public async Task Source_NumericBeyondDecimal_FailsNamingTheColumn()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE huge (id int PRIMARY KEY, v numeric(40,0))");
        await db.ExecuteAsync("INSERT INTO huge VALUES (1, 10 ^ 35)");
        var config = db.Config(("mode", "bulk"), ("topic.prefix", ""),
            (JdbcSourceConfig.TablesConfig, System.Text.Json.JsonSerializer.Serialize(new[] { new[] { "public", "huge" } })));
        var source = new JdbcSourceTask();
        source.Initialize(new TestSourceTaskContext(config));
        await source.StartAsync(config, CancellationToken.None);

        var error = await Assert.ThrowsAsync<OrleansConnect.Plugins.Errors.DataException>(() => source.PollAsync(CancellationToken.None));
        await source.StopAsync(CancellationToken.None);

        Assert.Contains("\"v\"", error.Message, StringComparison.Ordinal);
    }
}
