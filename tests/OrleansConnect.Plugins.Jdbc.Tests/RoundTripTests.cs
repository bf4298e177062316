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
        Assert.Equal(ConnectDecimal.Builder(3).Parameter(SourceColumns.DecimalPrecisionParameter, "12").Optional().Build(), schema.Field("n")!.Schema);
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
    [InlineData("none", "numeric", "Decimal")]
    [InlineData("best_fit", "numeric", "Float64")]
    public async Task Source_NumericMapping_ChoosesTheConnectType(string mapping, string type, string expected)
    {
        var db = await JdbcDatabase.CreateAsync(server);
        await db.ExecuteAsync($"CREATE TABLE nums (id int PRIMARY KEY, v {type})");
        await db.ExecuteAsync("INSERT INTO nums VALUES (1, 12)");
        var config = db.Config(("mode", "bulk"), ("topic.prefix", ""), ("numeric.mapping", mapping),
            (JdbcSourceConfig.TablesConfig, System.Text.Json.JsonSerializer.Serialize(new[] { new[] { "public", "nums" } })));
        var record = Assert.Single(await PollOnceAsync(config));

        var field = record.ValueSchema!.Field("v")!.Schema;
        Assert.Equal(expected, field.Name == ConnectDecimal.LogicalName ? "Decimal" : field.Type.ToString());
        var value = ((Struct)record.Value!).Get("v");
        Assert.Equal(12.0, value is BigDecimal d ? (double)d : Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
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
        var record = Assert.Single(await PollOnceAsync(sourceConfig));

        Assert.Equal([["2024-07-01 08:00:00"]], await db.QueryAsync("SELECT local::text FROM times"));
        Assert.Equal(instant, ((Struct)record.Value!).Get("local"));
    }

    [Fact]
    public async Task SourceToConverterToSink_NumericBeyondDotNetDecimal_CopiesEveryDigit()
    {
        const string Columns = "id int PRIMARY KEY, a numeric(38,10), b numeric(60,0) NOT NULL, c numeric(60,0)[], free numeric";
        var db = await JdbcDatabase.CreateAsync(server);
        await db.ExecuteAsync($"CREATE TABLE wide ({Columns})");
        await db.ExecuteAsync($"CREATE TABLE wide_copy ({Columns})");
        await db.ExecuteAsync($"""
            INSERT INTO wide VALUES
            (1, 1234567890123456789012345678.9012345678, {new string('9', 60)}, ARRAY[{new string('9', 60)}, NULL, -1], 0.1),
            (2, -9999999999999999999999999999.9999999999, -1{new string('0', 59)}, ARRAY[]::numeric[], 12345678901234567890123456789012345678901234567890.123456789),
            (3, 0, 0, NULL, NULL),
            (4, 0.0000000001, 1, ARRAY[0], -0.000001)
            """);
        var sourceConfig = db.Config(("mode", "incrementing"), ("incrementing.column.name", "id"), ("topic.prefix", ""),
            (JdbcSourceConfig.TablesConfig, System.Text.Json.JsonSerializer.Serialize(new[] { new[] { "public", "wide" } })));
        var records = await PollOnceAsync(sourceConfig);

        var schema = records[0].ValueSchema!;
        Assert.Equal(ConnectDecimal.Builder(10).Parameter(SourceColumns.DecimalPrecisionParameter, "38").Optional().Build(), schema.Field("a")!.Schema);
        Assert.Equal(ConnectDecimal.Builder(0).Parameter(SourceColumns.DecimalPrecisionParameter, "60").Build(), schema.Field("b")!.Schema);
        Assert.Equal(ConnectDecimal.Builder(127).Parameter(SourceColumns.DecimalPrecisionParameter, "0").Optional().Build(), schema.Field("free")!.Schema);
        Assert.Equal(BigDecimal.Parse("1234567890123456789012345678.9012345678"), ((Struct)records[0].Value!).Get("a"));
        Assert.Equal(BigDecimal.Parse(new string('9', 60)), ((Struct)records[0].Value!).Get("b"));

        var sinkConfig = db.Config(("table.name.format", "wide_copy"), ("insert.mode", "upsert"), ("pk.mode", "record_value"), ("pk.fields", "id"));
        foreach (var format in new[] { "BASE64", "NUMERIC" })
        {
            var converter = new Converters.JsonConverter();
            converter.Configure(new Dictionary<string, string> { ["decimal.format"] = format }, isKey: false);
            var converted = records.Select((r, i) =>
            {
                var read = converter.ToConnectData(r.Topic, null, converter.FromConnectData(r.Topic, null, r.ValueSchema, r.Value));
                Assert.Equal(r.ValueSchema, read.Schema);
                Assert.True(ValueEquality.DeepEquals(r.Value, read.Value), $"{format}: record {i} changed in the converter");
                return new SinkRecord(r.Topic, 0, null, null, read.Schema, read.Value, i);
            }).ToList();
            await db.ExecuteAsync("DELETE FROM wide_copy");
            var sink = new JdbcSinkTask();
            sink.Initialize(new TestSinkTaskContext(sinkConfig));
            await sink.StartAsync(sinkConfig, CancellationToken.None);
            await sink.PutAsync(converted, CancellationToken.None);
            await sink.StopAsync(CancellationToken.None);

            // The unconstrained column comes back at Confluent's scale 127, the same number with trailing zeros.
            var expected = await db.QueryAsync("SELECT id, a::text, b::text, c::text, free::numeric(1000,127)::text FROM wide ORDER BY id");
            var actual = await db.QueryAsync("SELECT id, a::text, b::text, c::text, free::text FROM wide_copy ORDER BY id");
            Assert.Equal(expected.Select(r => string.Join("|", r)), actual.Select(r => string.Join("|", r)));
        }
    }

    [Fact]
    public async Task Source_NegativeScale_IsADecimalOfThatScale()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE rounded (id int PRIMARY KEY, v numeric(4,-2))");
        await db.ExecuteAsync("INSERT INTO rounded VALUES (1, 123449)");
        var config = db.Config(("mode", "bulk"), ("topic.prefix", ""),
            (JdbcSourceConfig.TablesConfig, System.Text.Json.JsonSerializer.Serialize(new[] { new[] { "public", "rounded" } })));
        var record = Assert.Single(await PollOnceAsync(config));

        Assert.Equal(ConnectDecimal.Builder(-2).Parameter(SourceColumns.DecimalPrecisionParameter, "4").Optional().Build(), record.ValueSchema!.Field("v")!.Schema);
        Assert.Equal(new BigDecimal(1234, -2), ((Struct)record.Value!).Get("v"));
    }

    [Theory]
    [InlineData("none", "numeric(10,2)")]
    [InlineData("precision_only", "numeric(10,0)")]
    [InlineData("none", "numeric")]
    public async Task Source_NumericNaNAsDecimalOrInteger_FailsNamingTheColumn(string mapping, string type)
    {
        var db = await JdbcDatabase.CreateAsync(server);
        await db.ExecuteAsync($"CREATE TABLE specials (id int PRIMARY KEY, v {type})");
        await db.ExecuteAsync("INSERT INTO specials VALUES (1, 'NaN')");
        var config = db.Config(("mode", "bulk"), ("topic.prefix", ""), ("numeric.mapping", mapping),
            (JdbcSourceConfig.TablesConfig, System.Text.Json.JsonSerializer.Serialize(new[] { new[] { "public", "specials" } })));
        var source = new JdbcSourceTask();
        source.Initialize(new TestSourceTaskContext(config));
        await source.StartAsync(config, CancellationToken.None);

        var error = await Assert.ThrowsAsync<OrleansConnect.Plugins.Errors.DataException>(() => source.PollAsync(CancellationToken.None));
        await source.StopAsync(CancellationToken.None);

        Assert.Contains("\"v\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("NaN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Source_NumericSpecialsAsFloat64_AreNaNAndInfinity()
    {
        var db = await JdbcDatabase.CreateAsync(server);
        await db.ExecuteAsync("CREATE TABLE specials (id int PRIMARY KEY, v numeric(10,2), w numeric)");
        await db.ExecuteAsync("INSERT INTO specials VALUES (1, 'NaN', 'Infinity'), (2, 1.5, '-Infinity')");
        var config = db.Config(("mode", "incrementing"), ("incrementing.column.name", "id"), ("topic.prefix", ""), ("numeric.mapping", "best_fit"),
            (JdbcSourceConfig.TablesConfig, System.Text.Json.JsonSerializer.Serialize(new[] { new[] { "public", "specials" } })));
        var records = await PollOnceAsync(config);

        Assert.Equal([double.NaN, double.PositiveInfinity, 1.5, double.NegativeInfinity],
            records.SelectMany(r => new[] { ((Struct)r.Value!).Get("v"), ((Struct)r.Value!).Get("w") }).Cast<double>().ToArray());
    }

    private static async Task<List<SourceRecord>> PollOnceAsync(Dictionary<string, string> config)
    {
        var source = new JdbcSourceTask();
        source.Initialize(new TestSourceTaskContext(config));
        await source.StartAsync(config, CancellationToken.None);
        var records = (await source.PollAsync(CancellationToken.None))!;
        await source.StopAsync(CancellationToken.None);
        return [.. records];
    }
}
