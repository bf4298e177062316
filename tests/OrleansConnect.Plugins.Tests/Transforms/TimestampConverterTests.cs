using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Transforms;

namespace OrleansConnect.Plugins.Tests.Transforms;

public sealed class TimestampConverterTests
{
    private const string StringFormat = "yyyy MM dd HH mm ss SSS z";

    // 2017-01-02T04:05:06.789Z.
    private const long Unix = 1_483_329_906_789L;
    private const string Formatted = "2017 01 02 04 05 06 789 UTC";

    private static readonly DateTimeOffset Instant = DateTimeOffset.FromUnixTimeMilliseconds(Unix);
    private static readonly DateOnly Day = new(2017, 1, 2);
    private static readonly TimeOnly TimeOfDay = new(4, 5, 6, 789);

    public static TheoryData<string, object, object> SchemalessCases => new()
    {
        { "string", Instant, Formatted },
        { "unix", Instant, Unix },
        { "Date", Instant, Day },
        { "Time", Instant, TimeOfDay },
        { "Timestamp", Unix, Instant },
        { "Timestamp", Formatted, Instant },
        { "unix", Formatted, Unix },
        { "string", Unix, Formatted },
        { "Timestamp", Day, new DateTimeOffset(2017, 1, 2, 0, 0, 0, TimeSpan.Zero) },
        { "unix", TimeOfDay, 14_706_789L },
        { "Timestamp", new DateTime(2017, 1, 2, 4, 5, 6, 789, DateTimeKind.Utc), Instant },
    };

    public static TheoryData<Schema, object, string, Schema, object> WithSchemaCases => new()
    {
        { Timestamp.Schema, Instant, "string", Schema.String, Formatted },
        { Timestamp.Schema, Instant, "unix", Schema.Int64, Unix },
        { Timestamp.Schema, Instant, "Date", Date.Schema, Day },
        { Timestamp.Schema, Instant, "Time", Time.Schema, TimeOfDay },
        { Schema.Int64, Unix, "Timestamp", Timestamp.Schema, Instant },
        { Schema.String, Formatted, "Timestamp", Timestamp.Schema, Instant },
        { Date.Schema, Day, "unix", Schema.Int64, 1_483_315_200_000L },
        { Time.Schema, TimeOfDay, "unix", Schema.Int64, 14_706_789L },
        { Time.Schema, TimeOfDay, "string", Schema.String, "1970 01 01 04 05 06 789 UTC" },
        { Date.Schema, Day, "Timestamp", Timestamp.Schema, new DateTimeOffset(2017, 1, 2, 0, 0, 0, TimeSpan.Zero) },
    };

    [Theory]
    [MemberData(nameof(SchemalessCases))]
    public void Apply_SchemalessValue_ConvertsToTargetType(string target, object input, object expected)
    {
        using var transform = Records.Configured<TimestampConverter.Value>(("target.type", target), ("format", StringFormat));

        var result = transform.Apply(Records.Source(null, input))!;

        Assert.Null(result.ValueSchema);
        Assert.Equal(expected, result.Value);
    }

    [Theory]
    [MemberData(nameof(WithSchemaCases))]
    public void Apply_ValueWithSchema_ConvertsValueAndSchema(Schema schema, object input, string target, Schema expectedSchema, object expected)
    {
        using var transform = Records.Configured<TimestampConverter.Value>(("target.type", target), ("format", StringFormat));

        var result = transform.Apply(Records.Source(schema, input))!;

        Assert.Equal(expectedSchema, result.ValueSchema);
        Assert.Equal(expected, result.Value);
    }

    [Theory]
    [InlineData("seconds", 1_483_329_906L)]
    [InlineData("milliseconds", Unix)]
    [InlineData("microseconds", Unix * 1000)]
    [InlineData("nanoseconds", Unix * 1_000_000)]
    public void Apply_UnixPrecision_WritesThatUnit(string precision, long expected)
    {
        using var transform = Records.Configured<TimestampConverter.Value>(("target.type", "unix"), ("unix.precision", precision));

        Assert.Equal(expected, transform.Apply(Records.Source(Timestamp.Schema, Instant))!.Value);
    }

    [Theory]
    [InlineData("seconds", 1_483_329_906L, 1_483_329_906_000L)]
    [InlineData("microseconds", 1_483_329_906_789_123L, Unix)]
    [InlineData("nanoseconds", 1_483_329_906_789_123_456L, Unix)]
    [InlineData("microseconds", -1_500L, -1L)]
    public void Apply_UnixPrecision_ReadsThatUnitTruncatingToMillis(string precision, long input, long expectedMillis)
    {
        using var transform = Records.Configured<TimestampConverter.Value>(("target.type", "Timestamp"), ("unix.precision", precision));

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expectedMillis), transform.Apply(Records.Source(Schema.Int64, input))!.Value);
    }

    [Fact]
    public void Apply_SubMillisecondTimestamp_DropsTheTicksAsKafka()
    {
        using var transform = Records.Configured<TimestampConverter.Value>(("target.type", "Timestamp"));

        var result = transform.Apply(Records.Source(Timestamp.Schema, Instant.AddTicks(1234)))!;

        Assert.Equal(Instant, result.Value);
    }

    [Fact]
    public void Apply_OptionalSchema_KeepsOptionalityAndNull()
    {
        using var transform = Records.Configured<TimestampConverter.Value>(("target.type", "unix"));

        var result = transform.Apply(Records.Source(Timestamp.Builder().Optional().Build(), null))!;

        Assert.Equal(Schema.OptionalInt64, result.ValueSchema);
        Assert.Null(result.Value);
    }

    [Fact]
    public void Apply_StructField_ConvertsOnlyThatField()
    {
        var schema = SchemaBuilder.Struct().Name("com.acme.Event").Version(2)
            .Field("id", Schema.Int32)
            .Field("ts", Schema.OptionalInt64)
            .Build();
        var value = new Struct(schema).Put("id", 7).Put("ts", Unix);
        using var transform = Records.Configured<TimestampConverter.Value>(("field", "ts"), ("target.type", "Timestamp"));

        var result = transform.Apply(Records.Source(schema, value))!;

        var expectedSchema = SchemaBuilder.Struct().Name("com.acme.Event").Version(2)
            .Field("id", Schema.Int32)
            .Field("ts", Timestamp.Builder().Optional().Build())
            .Build();
        Assert.Equal(expectedSchema, result.ValueSchema);
        var updated = Assert.IsType<Struct>(result.Value);
        Assert.Equal(7, updated.Get("id"));
        Assert.Equal(Instant, updated.Get("ts"));
        Assert.Equal(Unix, value.Get("ts"));
    }

    [Fact]
    public void Apply_NullStructWithField_GivesNullWithUpdatedSchema()
    {
        var schema = SchemaBuilder.Struct().Field("ts", Schema.Int64).Optional().Build();
        using var transform = Records.Configured<TimestampConverter.Value>(("field", "ts"), ("target.type", "Date"));

        var result = transform.Apply(Records.Source(schema, null))!;

        Assert.Equal(Date.Schema, result.ValueSchema!.Field("ts")!.Schema);
        Assert.True(result.ValueSchema.IsOptional);
        Assert.Null(result.Value);
    }

    [Fact]
    public void Apply_StructFieldNullWithDefault_ConvertsTheDefault()
    {
        var schema = SchemaBuilder.Struct().Field("ts", SchemaBuilder.Int64().Optional().DefaultValue(Unix).Build()).Build();
        using var transform = Records.Configured<TimestampConverter.Value>(("field", "ts"), ("target.type", "Timestamp"));

        var result = transform.Apply(Records.Source(schema, new Struct(schema)))!;

        Assert.Equal(Instant, ((Struct)result.Value!).Get("ts"));
    }

    [Fact]
    public void Apply_ReplaceNullWithDefaultFalse_KeepsNull()
    {
        var schema = SchemaBuilder.Struct().Field("ts", SchemaBuilder.Int64().Optional().DefaultValue(Unix).Build()).Build();
        using var transform = Records.Configured<TimestampConverter.Value>(("field", "ts"), ("target.type", "Timestamp"), ("replace.null.with.default", "false"));

        var result = transform.Apply(Records.Source(schema, new Struct(schema)))!;

        Assert.Null(((Struct)result.Value!).GetWithoutDefault("ts"));
    }

    [Fact]
    public void Apply_SchemalessMapField_ConvertsOnlyThatEntry()
    {
        var value = Records.Map(("id", 7), ("ts", Formatted));
        using var transform = Records.Configured<TimestampConverter.Value>(("field", "ts"), ("target.type", "unix"), ("format", StringFormat));

        var result = transform.Apply(Records.Source(null, value))!;

        Assert.Equal(Records.Map(("id", 7), ("ts", Unix)), result.Value);
        Assert.Equal(Formatted, value["ts"]);
    }

    [Fact]
    public void Apply_SchemalessMapWithoutTheField_AddsNullAsKafka()
    {
        using var transform = Records.Configured<TimestampConverter.Value>(("field", "ts"), ("target.type", "unix"));

        var result = transform.Apply(Records.Source(null, Records.Map(("id", 7))))!;

        Assert.Equal(Records.Map(("id", 7), ("ts", null)), result.Value);
    }

    [Fact]
    public void Apply_Key_ConvertsKeyAndLeavesValue()
    {
        using var transform = Records.Configured<TimestampConverter.Key>(("target.type", "Timestamp"));

        var result = transform.Apply(Records.Sink(Schema.String, "v", Schema.Int64, Unix))!;

        Assert.Equal(Timestamp.Schema, result.KeySchema);
        Assert.Equal(Instant, result.Key);
        Assert.Equal("v", result.Value);
        Assert.Equal(42L, ((Sink.SinkRecord)result).KafkaOffset);
    }

    [Fact]
    public void Apply_StringNotMatchingFormat_ThrowsDataException()
    {
        using var transform = Records.Configured<TimestampConverter.Value>(("target.type", "unix"), ("format", "yyyy-MM-dd"));

        var e = Assert.Throws<DataException>(() => transform.Apply(Records.Source(Schema.String, "02/01/2017")));

        Assert.Equal("Could not parse timestamp: value (02/01/2017) does not match pattern (yyyy-MM-dd)", e.Message);
    }

    [Fact]
    public void Apply_StringWithoutFormat_ThrowsDataException()
    {
        using var transform = Records.Configured<TimestampConverter.Value>(("target.type", "unix"));

        var e = Assert.Throws<DataException>(() => transform.Apply(Records.Source(Schema.String, "2017-01-02")));

        Assert.Equal("Could not parse timestamp: value (2017-01-02) is a string but no format is configured", e.Message);
    }

    [Fact]
    public void Apply_ImpossibleDate_RollsOverAsJavasLenientParse()
    {
        using var transform = Records.Configured<TimestampConverter.Value>(("target.type", "unix"), ("format", "yyyy-MM-dd"));

        var result = transform.Apply(Records.Source(Schema.String, "2017-02-30"))!;

        Assert.Equal(new DateTimeOffset(2017, 3, 2, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), result.Value);
    }

    [Fact]
    public void Apply_WeekDatePatternToString_FormatsAsSimpleDateFormat()
    {
        using var transform = Records.Configured<TimestampConverter.Value>(("target.type", "string"), ("format", "YYYY-'W'ww-u EEE h:mm a z"));

        var result = transform.Apply(Records.Source(Schema.Int64, new DateTimeOffset(2018, 12, 31, 13, 5, 0, TimeSpan.Zero).ToUnixTimeMilliseconds()))!;

        Assert.Equal("2019-W01-1 Mon 1:05 PM UTC", result.Value);
    }

    [Fact]
    public void Apply_StringWithOffsetAndTrailingText_ParsesAsJava()
    {
        using var transform = Records.Configured<TimestampConverter.Value>(("target.type", "unix"), ("format", "yyyy-MM-dd'T'HH:mm:ssZ"));

        var result = transform.Apply(Records.Source(Schema.String, "2017-01-03T06:30:01+0100[Europe/Paris]"))!;

        Assert.Equal(new DateTimeOffset(2017, 1, 3, 5, 30, 1, TimeSpan.Zero).ToUnixTimeMilliseconds(), result.Value);
    }

    [Fact]
    public void Configure_PatternSimpleDateFormatRefuses_ThrowsConfigExceptionNamingFormat()
    {
        var e = Assert.Throws<ConfigException>(() => Records.Configured<TimestampConverter.Value>(("target.type", "string"), ("format", "yyyy-MM-dd qq")));

        Assert.Equal("format", e.Name);
    }

    [Fact]
    public void Apply_SchemalessInt_ThrowsDataException()
    {
        using var transform = Records.Configured<TimestampConverter.Value>(("target.type", "Timestamp"));

        var e = Assert.Throws<DataException>(() => transform.Apply(Records.Source(null, 42)));

        Assert.Equal("TimestampConverter does not support System.Int32 objects as timestamps", e.Message);
    }

    [Fact]
    public void Apply_Int32Schema_ThrowsConnectException()
    {
        using var transform = Records.Configured<TimestampConverter.Value>(("target.type", "Timestamp"));

        Assert.Throws<ConnectException>(() => transform.Apply(Records.Source(Schema.Int32, 42)));
    }

    [Fact]
    public void Apply_Int64SchemaWithIntValue_ThrowsDataException()
    {
        using var transform = Records.Configured<TimestampConverter.Value>(("target.type", "Timestamp"));

        var e = Assert.Throws<DataException>(() => transform.Apply(Records.Source(Schema.Int64, 42)));

        Assert.Equal("Expected Unix timestamp to be a Long, but found System.Int32", e.Message);
    }

    [Fact]
    public void Apply_StructFieldOnNonStruct_ThrowsDataException()
    {
        using var transform = Records.Configured<TimestampConverter.Value>(("field", "ts"), ("target.type", "unix"));

        Assert.Throws<DataException>(() => transform.Apply(Records.Source(Schema.String, "x")));
    }

    [Fact]
    public void Configure_StringTargetWithoutFormat_ThrowsConfigException()
    {
        var e = Assert.Throws<ConfigException>(() => Records.Configured<TimestampConverter.Value>(("target.type", "string")));

        Assert.Equal("TimestampConverter requires format option to be specified when using string timestamps", e.Message);
    }

    [Theory]
    [InlineData("target.type", "date")]
    [InlineData("unix.precision", "hours")]
    [InlineData("format", "yyyy-MM-dd Q")]
    [InlineData("field.syntax.version", "V2")]
    public void Configure_InvalidSetting_ThrowsConfigException(string key, string value)
    {
        var settings = new Dictionary<string, string> { ["target.type"] = "unix", [key] = value };

        Assert.Throws<ConfigException>(() => new TimestampConverter.Value().Configure(settings));
    }

    [Fact]
    public void Configure_WithoutTargetType_ThrowsConfigException()
    {
        Assert.Throws<ConfigException>(() => Records.Configured<TimestampConverter.Value>(("field", "ts")));
    }
}
