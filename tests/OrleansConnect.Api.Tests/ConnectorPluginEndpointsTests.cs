using System.Net;
using System.Text.Json;

namespace OrleansConnect.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed partial class ConnectorPluginEndpointsTests(ApiFactory factory)
{
    [Fact]
    public async Task GetPlugins_Default_ListsConnectorsByTheirKafkaNames()
    {
        using var client = factory.CreateClient();

        var (_, body) = await Http.SendAsync(client, "GET", "/connector-plugins");

        var plugins = body.EnumerateArray().ToDictionary(p => p.GetProperty("class").GetString()!, p => p.GetProperty("type").GetString());
        Assert.Equal("source", plugins["org.apache.kafka.connect.file.FileStreamSourceConnector"]);
        Assert.Equal("sink", plugins["org.apache.kafka.connect.file.FileStreamSinkConnector"]);
        Assert.All(plugins.Values, type => Assert.Contains(type, new[] { "source", "sink" }));
    }

    [Fact]
    public async Task GetPlugins_PluginPath_ListsTheInstalledTestPlugins()
    {
        using var client = factory.CreateClient();

        var (_, body) = await Http.SendAsync(client, "GET", "/connector-plugins");

        var plugins = body.EnumerateArray().ToDictionary(p => p.GetProperty("class").GetString()!, p => p.GetProperty("type").GetString());
        Assert.Equal("source", plugins[Http.SequenceSource]);
        Assert.Equal("sink", plugins[Http.RecordingSink]);
    }

    [Fact]
    public async Task GetPlugins_ConnectorsOnlyFalse_ListsConvertersToo()
    {
        using var client = factory.CreateClient();

        var (_, body) = await Http.SendAsync(client, "GET", "/connector-plugins?connectorsOnly=false");

        Assert.Contains(body.EnumerateArray(), p =>
            p.GetProperty("class").GetString() == "org.apache.kafka.connect.json.JsonConverter" && p.GetProperty("type").GetString() == "converter");
    }

    [Fact]
    public async Task GetPlugins_ConnectorsOnlyNotABoolean_Is400()
    {
        using var client = factory.CreateClient();

        var (status, body) = await Http.SendAsync(client, "GET", "/connector-plugins?connectorsOnly=maybe");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("connectorsOnly", Http.ErrorMessage(HttpStatusCode.BadRequest, body), StringComparison.Ordinal);
    }

    private const string InsertField = "org.apache.kafka.connect.transforms.InsertField$Value";

    [Fact]
    public async Task Validate_ValidSinkConfigWithTransform_Is200WithNoErrors()
    {
        using var client = factory.CreateClient();
        const string config = $$"""
            {"connector.class": "FileStreamSinkConnector", "name": "v", "topics": "t", "file": "/tmp/v.txt",
             "transforms": "stamp", "transforms.stamp.type": "{{InsertField}}",
             "transforms.stamp.static.field": "origin", "transforms.stamp.static.value": "test"}
            """;

        var (status, body) = await Http.SendAsync(client, "PUT", "/connector-plugins/FileStreamSinkConnector/config/validate", config);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("FileStreamSinkConnector", body.GetProperty("name").GetString());
        Assert.True(body.GetProperty("error_count").GetInt32() == 0, body.ToString());
        var groups = body.GetProperty("groups").EnumerateArray().Select(g => g.GetString()).ToList();
        Assert.Contains("Common", groups);
        Assert.Contains("Error Handling", groups);
        Assert.Contains("Transforms: stamp", groups);
        var configs = Configs(body);
        Assert.Equal("t", configs["topics"].GetProperty("value").GetProperty("value").GetString());
        Assert.Equal("none", configs["errors.tolerance"].GetProperty("value").GetProperty("value").GetString());
        Assert.Equal("/tmp/v.txt", configs["file"].GetProperty("value").GetProperty("value").GetString());
        var field = configs["transforms.stamp.static.field"];
        Assert.Equal("Transforms: stamp", field.GetProperty("definition").GetProperty("group").GetString());
        Assert.Equal("origin", field.GetProperty("value").GetProperty("value").GetString());
        Assert.Equal(InsertField, configs["transforms.stamp.type"].GetProperty("value").GetProperty("value").GetString());
    }

    [Fact]
    public async Task Validate_EveryKey_HasKafkasDefinitionAndValueFields()
    {
        using var client = factory.CreateClient();
        const string config = $$"""
            {"connector.class": "FileStreamSinkConnector", "name": "v", "topics": "t", "key.converter": "org.apache.kafka.connect.json.JsonConverter",
             "transforms": "stamp", "transforms.stamp.type": "{{InsertField}}", "transforms.stamp.static.field": "f",
             "predicates": "p", "predicates.p.type": "org.apache.kafka.connect.transforms.predicates.TopicNameMatches", "predicates.p.pattern": "t.*"}
            """;

        var (_, body) = await Http.SendAsync(client, "PUT", "/connector-plugins/FileStreamSinkConnector/config/validate", config);

        string[] definitionFields = ["name", "type", "required", "default_value", "importance", "documentation", "group", "width", "display_name", "dependents", "order"];
        string[] valueFields = ["name", "value", "recommended_values", "errors", "visible"];
        var configs = body.GetProperty("configs").EnumerateArray().ToList();
        Assert.All(configs, c =>
        {
            Assert.Equal(definitionFields.Order(), c.GetProperty("definition").EnumerateObject().Select(p => p.Name).Order());
            Assert.Equal(valueFields.Order(), c.GetProperty("value").EnumerateObject().Select(p => p.Name).Order());
            Assert.Equal(c.GetProperty("definition").GetProperty("name").GetString(), c.GetProperty("value").GetProperty("name").GetString());
        });
        var names = configs.Select(c => c.GetProperty("definition").GetProperty("name").GetString()).ToList();
        Assert.Equal(names.Distinct().Count(), names.Count);
        Assert.Contains("errors.deadletterqueue.topic.name", names);
        Assert.Contains("key.converter.schemas.enable", names);
        Assert.Contains("predicates.p.pattern", names);
        Assert.Contains("transforms.stamp.negate", names);
        var tasksMax = Configs(body)["tasks.max"].GetProperty("definition");
        Assert.Equal("INT", tasksMax.GetProperty("type").GetString());
        Assert.False(tasksMax.GetProperty("required").GetBoolean());
        Assert.Equal("1", tasksMax.GetProperty("default_value").GetString());
        Assert.Equal("HIGH", tasksMax.GetProperty("importance").GetString());
        Assert.True(Configs(body)["name"].GetProperty("definition").GetProperty("required").GetBoolean());
        Assert.Equal(JsonValueKind.Null, Configs(body)["name"].GetProperty("definition").GetProperty("default_value").ValueKind);
    }

    [Fact]
    public async Task Validate_MissingRequiredKey_CountsTheErrorOnThatKey()
    {
        using var client = factory.CreateClient();
        var config = $$"""{"connector.class": "{{Http.RecordingSink}}", "name": "v", "topics": "t"}""";

        var (status, body) = await Http.SendAsync(client, "PUT", $"/connector-plugins/{Http.RecordingSink}/config/validate", config);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("error_count").GetInt32());
        Assert.Contains("Missing required configuration \"recording.id\"", Errors(body, "recording.id").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_InvalidValues_ReportEachOnItsKey()
    {
        using var client = factory.CreateClient();
        const string config = """{"name": "v", "topics": "t", "tasks.max": "many", "errors.tolerance": "some"}""";

        var (status, body) = await Http.SendAsync(client, "PUT", "/connector-plugins/FileStreamSink/config/validate", config);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, body.GetProperty("error_count").GetInt32());
        Assert.Contains("Not a number of type INT", Errors(body, "tasks.max").Single(), StringComparison.Ordinal);
        Assert.Contains("some", Errors(body, "errors.tolerance").Single(), StringComparison.Ordinal);
        Assert.Equal("many", Configs(body)["tasks.max"].GetProperty("value").GetProperty("value").GetString());
        // Without connector.class in the body, the path's class is validated and named.
        Assert.Equal("FileStreamSink", body.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Validate_UnknownTransformType_IsAnErrorOnItsTypeKey()
    {
        using var client = factory.CreateClient();
        const string config = """{"name": "v", "topics": "t", "transforms": "x", "transforms.x.type": "NoSuchTransform"}""";

        var (status, body) = await Http.SendAsync(client, "PUT", "/connector-plugins/FileStreamSink/config/validate", config);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("error_count").GetInt32());
        Assert.Contains("Class NoSuchTransform could not be found", Errors(body, "transforms.x.type").Single(), StringComparison.Ordinal);
        Assert.Contains("Transforms: x", body.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
    }

    [Fact]
    public async Task Validate_TransformKeyMissing_NamesItWithItsPrefix()
    {
        using var client = factory.CreateClient();
        const string config = """{"name": "v", "topics": "t", "transforms": "route", "transforms.route.type": "RegexRouter", "transforms.route.regex": "(.*)"}""";

        var (_, body) = await Http.SendAsync(client, "PUT", "/connector-plugins/FileStreamSink/config/validate", config);

        Assert.Equal(1, body.GetProperty("error_count").GetInt32());
        Assert.Equal(
            "Missing required configuration \"transforms.route.replacement\" which has no default value.",
            Errors(body, "transforms.route.replacement").Single());
        Assert.Equal("(.*)", Configs(body)["transforms.route.regex"].GetProperty("value").GetProperty("value").GetString());
    }

    [Fact]
    public async Task Validate_PredicateAliasNotInPredicates_IsAnErrorOnThePredicateKey()
    {
        using var client = factory.CreateClient();
        const string config = $$"""
            {"name": "v", "topics": "t", "transforms": "stamp", "transforms.stamp.type": "{{InsertField}}",
             "transforms.stamp.static.field": "f", "transforms.stamp.predicate": "nope"}
            """;

        var (status, body) = await Http.SendAsync(client, "PUT", "/connector-plugins/FileStreamSink/config/validate", config);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("error_count").GetInt32());
        Assert.Contains("predicates", Errors(body, "transforms.stamp.predicate").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_UnknownPlugin_Is400ListingTheConnectors()
    {
        using var client = factory.CreateClient();

        var (status, body) = await Http.SendAsync(client, "PUT", "/connector-plugins/NoSuchConnector/config/validate", """{"name": "v"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var message = Http.ErrorMessage(HttpStatusCode.BadRequest, body);
        Assert.Contains("Failed to find any class that implements Connector and which name matches NoSuchConnector", message, StringComparison.Ordinal);
        Assert.Contains("FileStreamSinkConnector", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FileStreamSink", "org.apache.kafka.connect.file.FileStreamSinkConnector", HttpStatusCode.OK)]
    [InlineData("org.apache.kafka.connect.file.FileStreamSinkConnector", "FileStreamSink", HttpStatusCode.OK)]
    [InlineData("FileStreamSinkConnector", "FileStreamSourceConnector", HttpStatusCode.BadRequest)]
    public async Task Validate_ConnectorClassInBody_MustNameThePathsClass(string path, string included, HttpStatusCode expected)
    {
        using var client = factory.CreateClient();

        var (status, body) = await Http.SendAsync(client, "PUT", $"/connector-plugins/{path}/config/validate", $$"""{"connector.class": "{{included}}", "name": "v", "topics": "t"}""");

        Assert.Equal(expected, status);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal(included, body.GetProperty("name").GetString());
        }
        else
        {
            Assert.Contains($"Included connector type {included} does not match request type {path}", Http.ErrorMessage(status, body), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Validate_BodyNotAnObject_Is400()
    {
        using var client = factory.CreateClient();

        var (status, _) = await Http.SendAsync(client, "PUT", "/connector-plugins/FileStreamSink/config/validate", "[1]");

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Theory]
    [InlineData("org.apache.kafka.connect.file.FileStreamSinkConnector", "file", true)]
    [InlineData("FileStreamSource", "topic", true)]
    [InlineData(InsertField, "static.field", false)]
    [InlineData("org.apache.kafka.connect.transforms.predicates.TopicNameMatches", "pattern", false)]
    [InlineData("org.apache.kafka.connect.json.JsonConverter", "schemas.enable", false)]
    public async Task GetPluginConfig_AnyKindOfPlugin_ListsItsOwnKeysAndForAConnectorTheFrameworks(string plugin, string key, bool connector)
    {
        using var client = factory.CreateClient();

        var (status, body) = await Http.SendAsync(client, "GET", $"/connector-plugins/{plugin}/config");

        Assert.Equal(HttpStatusCode.OK, status);
        var keys = body.EnumerateArray().ToDictionary(k => k.GetProperty("name").GetString()!);
        Assert.Contains(key, keys.Keys);
        Assert.Equal(connector, keys.ContainsKey("tasks.max"));
        Assert.All(keys.Values, k => Assert.Equal(11, k.EnumerateObject().Count()));
    }

    [Theory]
    [InlineData("FileStreamSink", new[] { "file" }, new[] { "topics", "topics.regex", "errors.deadletterqueue.topic.name", "errors.deadletterqueue.topic.replication.factor", "errors.deadletterqueue.context.headers.enable" })]
    [InlineData("FileStreamSource", new[] { "file", "topic", "batch.size" }, new[] { "topic.creation.groups", "exactly.once.support", "transaction.boundary", "transaction.boundary.interval.ms", "offsets.storage.topic" })]
    public async Task GetPluginConfig_Connector_ListsItsKeysThenKafkasFrameworkKeysInKafkasOrder(string plugin, string[] own, string[] kindKeys)
    {
        using var client = factory.CreateClient();
        string[] common =
        [
            "name", "connector.class", "tasks.max", "tasks.max.enforce", "key.converter", "value.converter", "header.converter",
            "transforms", "predicates", "config.action.reload",
            "errors.retry.timeout", "errors.retry.delay.max.ms", "errors.tolerance", "errors.log.enable", "errors.log.include.messages",
        ];

        var (_, body) = await Http.SendAsync(client, "GET", $"/connector-plugins/{plugin}/config");

        Assert.Equal([.. own, .. common, .. kindKeys], body.EnumerateArray().Select(k => k.GetProperty("name").GetString()!));
    }

    [Fact]
    public async Task GetPluginConfig_SourceConnector_DefinesTheFrameworkKeysAsKafka()
    {
        using var client = factory.CreateClient();

        var (_, body) = await Http.SendAsync(client, "GET", "/connector-plugins/FileStreamSource/config");

        var keys = body.EnumerateArray().ToDictionary(k => k.GetProperty("name").GetString()!);
        var eos = keys["exactly.once.support"];
        Assert.Equal(("STRING", "requested", "MEDIUM", "Exactly Once Support", 2, "SHORT", "Exactly once support"), Shape(eos));
        Assert.Equal(("STRING", "restart", "LOW", "Common", 10, "MEDIUM", "Reload Action"), Shape(keys["config.action.reload"]));
        Assert.Equal(("BOOLEAN", "true", "LOW", "Common", 4, "SHORT", "Enforce tasks max"), Shape(keys["tasks.max.enforce"]));
        Assert.Equal(("LIST", "", "LOW", "Topic Creation", 1, "LONG", "Topic Creation Groups"), Shape(keys["topic.creation.groups"]));
        Assert.Equal(("LONG", null, "LOW", "Exactly Once Support", 4, "SHORT", "Transaction boundary interval"), Shape(keys["transaction.boundary.interval.ms"]));
        Assert.Equal(("STRING", null, "LOW", "offsets.topic", 1, "LONG", "Offsets topic"), Shape(keys["offsets.storage.topic"]));
        Assert.Equal(("CLASS", null, "LOW", "Common", 5, "SHORT", "Key converter class"), Shape(keys["key.converter"]));

        static (string?, string?, string?, string?, int, string?, string?) Shape(JsonElement k) => (
            k.GetProperty("type").GetString(), k.GetProperty("default_value").GetString(), k.GetProperty("importance").GetString(),
            k.GetProperty("group").GetString(), k.GetProperty("order").GetInt32(), k.GetProperty("width").GetString(), k.GetProperty("display_name").GetString());
    }

    [Fact]
    public async Task Validate_SourceConfig_HasKafkasSourceGroupsAndChecksItsKeys()
    {
        using var client = factory.CreateClient();
        const string config = """
            {"connector.class": "FileStreamSource", "name": "v", "topic": "t", "file": "/tmp/v.txt",
             "config.action.reload": "sometimes", "exactly.once.support": "required", "transaction.boundary": "connector",
             "transaction.boundary.interval.ms": "-1", "offsets.storage.topic": "", "tasks.max.enforce": "maybe"}
            """;

        var (status, body) = await Http.SendAsync(client, "PUT", "/connector-plugins/FileStreamSource/config/validate", config);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(6, body.GetProperty("error_count").GetInt32());
        Assert.Equal(
            ["Common", "Transforms", "Predicates", "Error Handling", "Topic Creation", "Exactly Once Support", "offsets.topic"],
            body.GetProperty("groups").EnumerateArray().Select(g => g.GetString()).Take(7));
        Assert.Equal(["This worker does not have exactly-once source support enabled."], Errors(body, "exactly.once.support"));
        Assert.Equal(
            ["The connector does not support connector-defined transaction boundaries with the given configuration. Please reconfigure it to use a different transaction boundary definition."],
            Errors(body, "transaction.boundary"));
        Assert.All(new[] { "config.action.reload", "transaction.boundary.interval.ms", "offsets.storage.topic", "tasks.max.enforce" }, key =>
            Assert.Contains(key, Assert.Single(Errors(body, key)), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_NullValue_IsAnErrorOnItsKey()
    {
        using var client = factory.CreateClient();

        var (status, body) = await Http.SendAsync(client, "PUT", "/connector-plugins/FileStreamSink/config/validate",
            """{"connector.class": "FileStreamSink", "name": "v", "topics": "t", "file": "/tmp/v.txt", "errors.tolerance": null}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("error_count").GetInt32());
        Assert.Equal(["Null value can not be supplied as the configuration value."], Errors(body, "errors.tolerance"));
        Assert.Equal("Error Handling", Configs(body)["errors.tolerance"].GetProperty("definition").GetProperty("group").GetString());
    }

    [Fact]
    public async Task Validate_SinkConfig_HasKafkasSinkGroupsOnly()
    {
        using var client = factory.CreateClient();

        var (_, body) = await Http.SendAsync(client, "PUT", "/connector-plugins/FileStreamSink/config/validate",
            """{"connector.class": "FileStreamSink", "name": "v", "topics": "t", "file": "/tmp/v.txt"}""");

        Assert.Equal(0, body.GetProperty("error_count").GetInt32());
        Assert.Equal(["Common", "Transforms", "Predicates", "Error Handling"], body.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.DoesNotContain("exactly.once.support", Configs(body).Keys);
        Assert.Equal("restart", Configs(body)["config.action.reload"].GetProperty("value").GetProperty("value").GetString());
    }

    [Fact]
    public async Task GetPluginConfig_UnknownPlugin_Is404()
    {
        using var client = factory.CreateClient();

        var (status, body) = await Http.SendAsync(client, "GET", "/connector-plugins/NoSuchPlugin/config");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("Unknown plugin NoSuchPlugin.", Http.ErrorMessage(HttpStatusCode.NotFound, body));
    }

    private static Dictionary<string, JsonElement> Configs(JsonElement body) =>
        body.GetProperty("configs").EnumerateArray().ToDictionary(c => c.GetProperty("definition").GetProperty("name").GetString()!);

    private static List<string> Errors(JsonElement body, string key) =>
        [.. Configs(body)[key].GetProperty("value").GetProperty("errors").EnumerateArray().Select(e => e.GetString()!)];
}
