using System.Net;
using System.Text.Json;

namespace OrleansConnect.Api.Tests;

/// <summary>The transformation preview, <c>POST /connector-plugins/transforms/preview</c>.</summary>
public sealed partial class ConnectorPluginEndpointsTests
{
    private const string PreviewPath = "/connector-plugins/transforms/preview";

    private const string ChainConfig = """
        "transforms": "stamp,trim,route,dropMarked",
        "transforms.stamp.type": "org.apache.kafka.connect.transforms.InsertField$Value",
        "transforms.stamp.static.field": "source",
        "transforms.stamp.static.value": "web",
        "transforms.trim.type": "org.apache.kafka.connect.transforms.ReplaceField$Value",
        "transforms.trim.exclude": "secret",
        "transforms.trim.renames": "id:order_id",
        "transforms.route.type": "org.apache.kafka.connect.transforms.RegexRouter",
        "transforms.route.regex": "orders-(.*)",
        "transforms.route.replacement": "processed-$1",
        "transforms.dropMarked.type": "org.apache.kafka.connect.transforms.Filter",
        "transforms.dropMarked.predicate": "marked",
        "predicates": "marked",
        "predicates.marked.type": "org.apache.kafka.connect.transforms.predicates.HasHeaderKey",
        "predicates.marked.name": "drop"
        """;

    [Fact]
    public async Task Preview_FourStepChain_ReportsEachStepAndTheResult()
    {
        using var client = factory.CreateClient();
        var body = $$$"""
            {"config": { {{{ChainConfig}}} },
             "records": [{"topic": "orders-eu", "partition": 2, "key": "k1", "value": {"id": 1, "secret": "x", "amount": 9.5},
                          "headers": {"h": "v"}, "timestamp": 1700000000000}]}
            """;

        var (status, response) = await Http.SendAsync(client, "POST", PreviewPath, body);

        Assert.True(status == HttpStatusCode.OK, response.ToString());
        var record = response.GetProperty("records").EnumerateArray().Single();
        var steps = record.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["stamp", "trim", "route", "dropMarked"], steps.Select(s => s.GetProperty("transform").GetString()));
        Assert.Equal("org.apache.kafka.connect.transforms.InsertField$Value", steps[0].GetProperty("type").GetString());
        AssertJson("""{"id":1,"secret":"x","amount":9.5,"source":"web"}""", steps[0].GetProperty("record").GetProperty("value"));
        AssertJson("""{"order_id":1,"amount":9.5,"source":"web"}""", steps[1].GetProperty("record").GetProperty("value"));
        Assert.Equal("orders-eu", steps[1].GetProperty("record").GetProperty("topic").GetString());
        Assert.Equal("processed-eu", steps[2].GetProperty("record").GetProperty("topic").GetString());
        Assert.All(steps.Take(3), s => Assert.False(s.GetProperty("skipped_by_predicate").GetBoolean()));
        Assert.True(steps[3].GetProperty("skipped_by_predicate").GetBoolean());

        var result = record.GetProperty("result");
        Assert.Equal("processed-eu", result.GetProperty("topic").GetString());
        Assert.Equal(2, result.GetProperty("partition").GetInt32());
        Assert.Equal("k1", result.GetProperty("key").GetString());
        AssertJson("""{"order_id":1,"amount":9.5,"source":"web"}""", result.GetProperty("value"));
        Assert.Equal("v", result.GetProperty("headers").GetProperty("h").GetString());
        Assert.Equal(1700000000000, result.GetProperty("timestamp").GetInt64());
    }

    [Fact]
    public async Task Preview_RecordMatchingTheFiltersPredicate_IsDroppedAtThatStep()
    {
        using var client = factory.CreateClient();
        var body = $$$"""
            {"config": { {{{ChainConfig}}} },
             "records": [{"topic": "orders-us", "value": {"id": 2}, "headers": {"drop": true}}]}
            """;

        var (status, response) = await Http.SendAsync(client, "POST", PreviewPath, body);

        Assert.Equal(HttpStatusCode.OK, status);
        var record = response.GetProperty("records")[0];
        var last = record.GetProperty("steps").EnumerateArray().Last();
        Assert.Equal("dropMarked", last.GetProperty("transform").GetString());
        Assert.Equal(JsonValueKind.Null, last.GetProperty("record").ValueKind);
        Assert.False(last.GetProperty("skipped_by_predicate").GetBoolean());
        Assert.Equal(JsonValueKind.Null, record.GetProperty("result").ValueKind);
    }

    [Fact]
    public async Task Preview_FailingStep_ReportsItsErrorAndStopsOnlyThatRecord()
    {
        using var client = factory.CreateClient();
        const string body = """
            {"config": {"transforms": "stamp,route",
                        "transforms.stamp.type": "org.apache.kafka.connect.transforms.InsertField$Value",
                        "transforms.stamp.static.field": "source", "transforms.stamp.static.value": "web",
                        "transforms.route.type": "org.apache.kafka.connect.transforms.RegexRouter",
                        "transforms.route.regex": ".*", "transforms.route.replacement": "all"},
             "records": [{"topic": "t", "value": "not a map"}, {"topic": "t", "value": {"id": 3}}]}
            """;

        var (status, response) = await Http.SendAsync(client, "POST", PreviewPath, body);

        Assert.Equal(HttpStatusCode.OK, status);
        var failed = response.GetProperty("records")[0];
        var step = failed.GetProperty("steps").EnumerateArray().Single();
        Assert.Equal("stamp", step.GetProperty("transform").GetString());
        Assert.EndsWith("DataException", step.GetProperty("error").GetProperty("class").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(step.GetProperty("error").GetProperty("message").GetString()));
        Assert.False(step.TryGetProperty("record", out _));
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("result").ValueKind);

        var passed = response.GetProperty("records")[1];
        Assert.Equal(2, passed.GetProperty("steps").GetArrayLength());
        Assert.Equal("all", passed.GetProperty("result").GetProperty("topic").GetString());
        AssertJson("""{"id":3,"source":"web"}""", passed.GetProperty("result").GetProperty("value"));
    }

    [Fact]
    public async Task Preview_SchemasEnabled_ReadsAndWritesTheSchemaEnvelope()
    {
        using var client = factory.CreateClient();
        const string body = """
            {"config": {"value.converter": "org.apache.kafka.connect.json.JsonConverter", "value.converter.schemas.enable": "true",
                        "transforms": "stamp",
                        "transforms.stamp.type": "org.apache.kafka.connect.transforms.InsertField$Value",
                        "transforms.stamp.static.field": "source", "transforms.stamp.static.value": "web"},
             "records": [{"topic": "t", "value": {"schema": {"type": "struct", "fields": [{"field": "id", "type": "int32"}]}, "payload": {"id": 4}}}]}
            """;

        var (status, response) = await Http.SendAsync(client, "POST", PreviewPath, body);

        Assert.True(status == HttpStatusCode.OK, response.ToString());
        var value = response.GetProperty("records")[0].GetProperty("result").GetProperty("value");
        AssertJson("""{"id":4,"source":"web"}""", value.GetProperty("payload"));
        Assert.Contains(value.GetProperty("schema").GetProperty("fields").EnumerateArray(), f => f.GetProperty("field").GetString() == "source");
    }

    [Theory]
    [InlineData("""{"transforms": "route", "transforms.route.type": "org.apache.kafka.connect.transforms.RegexRouter", "transforms.route.replacement": "x"}""", "transforms.route.regex")]
    [InlineData("""{"transforms": "x", "transforms.x.type": "NoSuchTransform"}""", "transforms.x.type")]
    [InlineData("""{"transforms": "x"}""", "transforms.x.type")]
    [InlineData("""{"transforms": "f", "transforms.f.type": "org.apache.kafka.connect.transforms.Filter", "transforms.f.predicate": "nope"}""", "transforms.f.predicate")]
    [InlineData("""{"value.converter": "NoSuchConverter"}""", "value.converter")]
    public async Task Preview_BadConfig_Is400NamingTheKey(string config, string key)
    {
        using var client = factory.CreateClient();

        var (status, response) = await Http.SendAsync(client, "POST", PreviewPath, $$"""{"config": {{config}}, "records": [{"topic": "t", "value": 1}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(key, Http.ErrorMessage(HttpStatusCode.BadRequest, response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"records": []}""", "config")]
    [InlineData("""{"config": {}}""", "records")]
    [InlineData("""{"config": {}, "records": [{"value": 1}]}""", "records[0].topic")]
    [InlineData("""{"config": {}, "records": [{"topic": "t", "partition": "one"}]}""", "records[0].partition")]
    public async Task Preview_BadBody_Is400NamingTheField(string body, string field)
    {
        using var client = factory.CreateClient();

        var (status, response) = await Http.SendAsync(client, "POST", PreviewPath, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(field, Http.ErrorMessage(HttpStatusCode.BadRequest, response), StringComparison.Ordinal);
    }

    private static void AssertJson(string expected, JsonElement actual) =>
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(expected).RootElement, actual), $"expected {expected}, got {actual}");
}
