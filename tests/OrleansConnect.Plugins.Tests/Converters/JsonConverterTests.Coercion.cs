using System.Text;
using OrleansConnect.Plugins.Errors;

namespace OrleansConnect.Plugins.Tests.Converters;

/// <summary>Payloads of the wrong JSON kind for their schema, which Kafka's JsonConverter coerces silently.</summary>
public sealed partial class JsonConverterTests
{
    // Kafka reads each of these as the value after the arrow; this converter refuses them.
    [Theory]
    [InlineData("int8", "300", "Invalid JSON Number for schema type INT8: 300")] // Kafka: 44
    [InlineData("int16", "70000", "Invalid JSON Number for schema type INT16: 70000")] // Kafka: 4464
    [InlineData("int32", "5.5", "Invalid JSON Number for schema type INT32: 5.5")] // Kafka: 5
    [InlineData("int64", "9223372036854775808", "Invalid JSON Number for schema type INT64: 9223372036854775808")] // Kafka: -9223372036854775808
    [InlineData("int32", "\"12\"", "Invalid JSON String for schema type INT32: \"12\"")] // Kafka: 0
    [InlineData("boolean", "\"true\"", "Invalid JSON String for schema type BOOLEAN: \"true\"")] // Kafka: false
    [InlineData("boolean", "1", "Invalid JSON Number for schema type BOOLEAN: 1")] // Kafka: false
    [InlineData("string", "42", "Invalid JSON Number for schema type STRING: 42")] // Kafka: null (textValue of a number)
    public void ToConnectData_PayloadKafkaWouldCoerce_ThrowsDataExceptionNamingTypeAndValue(string type, string payload, string message)
    {
        var json = $"{{\"schema\":{{\"type\":\"{type}\",\"optional\":false}},\"payload\":{payload}}}";

        var e = Assert.Throws<DataException>(() => Configure(schemasEnable: true).ToConnectData(Topic, null, Encoding.UTF8.GetBytes(json)));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void ToConnectData_CoercedFieldInNestedStruct_NamesTheFieldPath()
    {
        const string json = "{\"schema\":{\"type\":\"struct\",\"optional\":false,\"fields\":[" +
            "{\"field\":\"outer\",\"type\":\"struct\",\"optional\":false,\"fields\":[{\"field\":\"qty\",\"type\":\"int8\",\"optional\":false}]}]}," +
            "\"payload\":{\"outer\":{\"qty\":300}}}";

        var e = Assert.Throws<DataException>(() => Configure(schemasEnable: true).ToConnectData(Topic, null, Encoding.UTF8.GetBytes(json)));

        Assert.Equal("Field 'outer': Field 'qty': Invalid JSON Number for schema type INT8: 300", e.Message);
    }
}
