using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Http.Sink;

namespace OrleansConnect.Plugins.Http.Tests;

public sealed class RequestBodyTests
{
    [Fact]
    public void Json_LogicalTypesAndBytes_AsJsonConverterWritesThemWithoutSchemas()
    {
        var schema = SchemaBuilder.Struct()
            .Field("at", Timestamp.Schema)
            .Field("day", Date.Schema)
            .Field("price", Data.Decimal.Schema(2))
            .Field("raw", Schema.Bytes)
            .Field("note", Schema.OptionalString)
            .Build();
        var value = new Struct(schema)
            .Put("at", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123))
            .Put("day", new DateOnly(1970, 1, 11))
            .Put("price", BigDecimal.Parse("12.50"))
            .Put("raw", new byte[] { 1, 2, 3 })
            .Put("note", null);

        Assert.Equal("""{"at":1700000000123,"day":10,"price":12.50,"raw":"AQID","note":null}""", RequestBody.Json(schema, value));
    }

    [Fact]
    public void Json_String_IsQuotedWithOnlyWhatJsonNeedsEscaped() => Assert.Equal("\"a \\\"b\\\" <é>\"", RequestBody.Json(Schema.String, "a \"b\" <é>"));

    [Fact]
    public void Text_Bytes_AreUtf8() => Assert.Equal("héllo", RequestBody.Text("héllo"u8.ToArray()));
}
