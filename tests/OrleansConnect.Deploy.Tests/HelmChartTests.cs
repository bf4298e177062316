using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using OrleansConnect.Grains;
using YamlDotNet.RepresentationModel;

namespace OrleansConnect.Deploy.Tests;

/// <summary>
/// helm/orleansconnect, checked without helm: values against values.schema.json as helm install does, the templates
/// as YAML with their actions taken out, and the defaults against the code and the docs.
/// </summary>
public sealed partial class HelmChartTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(Repository.Chart, "values.schema.json")));

    private static JsonNode Defaults => Yaml.ToJson(File.ReadAllText(Path.Combine(Repository.Chart, "values.yaml")))!;

    public static TheoryData<string> ValuesFiles =>
        new(new[] { "values.yaml" }.Concat(Directory.GetFiles(Path.Combine(Repository.Chart, "examples"), "*.yaml").Select(f => "examples/" + Path.GetFileName(f)).Order()).ToArray());

    public static TheoryData<string> Templates =>
        new(Directory.GetFiles(Path.Combine(Repository.Chart, "templates"), "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repository.Chart, f).Replace('\\', '/')).Order().ToArray());

    public static TheoryData<string, string> InvalidOverrides => new()
    {
        { "an unknown key", "replicas: 3" },
        { "a string for a number", "replicaCount: three" },
        { "three silos without PostgreSQL", "replicaCount: 3\nkafka: {bootstrapServers: 'broker:9092'}" },
        { "three silos on the embedded Kafka", "replicaCount: 3\npostgresql: {existingSecret: pg}" },
        { "the API host without PostgreSQL", "api: {enabled: true}" },
        { "a secret librdkafka setting in plain values", "kafka: {client: {sasl.password: hunter2}}" },
        { "a grace period shorter than a graceful stop", "terminationGracePeriodSeconds: 10" },
        { "a port out of range", "orleans: {siloPort: 70000}" },
        { "a cluster id that is no pod label value", "orleans: {clusterId: 'my cluster'}" },
    };

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void Values_MergedOverDefaults_SatisfyTheSchema(string file)
    {
        var values = Yaml.Merge(Defaults, Yaml.ToJson(File.ReadAllText(Path.Combine(Repository.Chart, file))));

        var result = Evaluate(values);

        Assert.True(result.IsValid, $"{file} does not satisfy values.schema.json:\n{Describe(result)}");
    }

    [Theory]
    [MemberData(nameof(InvalidOverrides))]
    public void Schema_InvalidValues_Rejected(string what, string overrides)
    {
        var values = Yaml.Merge(Defaults, Yaml.ToJson(overrides));

        Assert.False(Evaluate(values).IsValid, $"values.schema.json accepts {what}: {overrides}");
    }

    [Fact]
    public void Schema_EveryDefaultValue_IsDeclared()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Chart, "values.schema.json")))!;
        var undeclared = new List<string>();
        CollectUndeclared(Defaults, schema, schema, string.Empty, undeclared);

        Assert.True(undeclared.Count == 0, $"values.yaml has keys values.schema.json does not declare: {string.Join(", ", undeclared)}");
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_WithoutActions_IsYamlOfKubernetesObjects(string template)
    {
        var text = Yaml.StripTemplateActions(File.ReadAllText(Path.Combine(Repository.Chart, template)));

        var documents = Yaml.Load(text).Where(d => d.RootNode is YamlMappingNode { Children.Count: > 0 }).ToList();

        Assert.NotEmpty(documents);
        foreach (var root in documents.Select(d => (YamlMappingNode)d.RootNode))
        {
            Assert.True(root.Children.ContainsKey("apiVersion"), $"{template}: a document without apiVersion");
            Assert.True(root.Children.ContainsKey("kind"), $"{template}: a document without kind");
            Assert.True(root["metadata"] is YamlMappingNode metadata && metadata.Children.ContainsKey("name"), $"{template}: a document without metadata.name");
        }
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_ValuesItUses_ExistInValuesYaml(string template)
    {
        var text = File.ReadAllText(Path.Combine(Repository.Chart, template))
            + File.ReadAllText(Path.Combine(Repository.Chart, "templates", "_helpers.tpl"))
            + File.ReadAllText(Path.Combine(Repository.Chart, "templates", "NOTES.txt"));

        var missing = ValuesReference().Matches(text).Select(m => m.Groups["path"].Value).Distinct()
            .Where(path => path.Split('.').Aggregate<string, JsonNode?>(Defaults, (node, key) => node is JsonObject map && map.ContainsKey(key) ? map[key] ?? JsonValue.Create(string.Empty) : null) is null)
            .ToList();

        Assert.True(missing.Count == 0, $"{template} (or a helper) uses values that values.yaml lacks: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Defaults_PortsAndIds_MatchTheCode()
    {
        var orleans = Defaults["orleans"]!;
        var silo = File.ReadAllText(Path.Combine(Repository.Chart, "templates", "silo-deployment.yaml"));
        var restPort = Repository.DefaultUrlPort("silo/OrleansConnect.Silo/SiloDefaults.cs");

        Assert.Equal(ClusterDefaults.SiloPort, (int)orleans["siloPort"]!);
        Assert.Equal(ClusterDefaults.GatewayPort, (int)orleans["gatewayPort"]!);
        Assert.Equal(ClusterDefaults.ClusterId, (string)orleans["clusterId"]!);
        Assert.Equal(ClusterDefaults.ServiceId, (string)orleans["serviceId"]!);
        Assert.Contains($"containerPort: {restPort}", silo, StringComparison.Ordinal);
        Assert.Contains($"value: \"http://+:{restPort}\"", silo, StringComparison.Ordinal);
        Assert.Equal("/plugins", Dockerfile.Load(Repository.SiloDockerfile).Environment["OrleansConnect__PluginPath"]);
        Assert.Contains("mountPath: /plugins", silo, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void TerminationGracePeriod_CoversGracefulTaskShutdown(string file)
    {
        // docs/operations.md: at least TaskShutdownGracefulTimeoutMs + OffsetFlushTimeoutMs + 30 s.
        var values = Yaml.Merge(Defaults, Yaml.ToJson(File.ReadAllText(Path.Combine(Repository.Chart, file))))!;
        var worker = values["worker"]!;
        var neededMs = (int)worker["TaskShutdownGracefulTimeoutMs"]! + (int)worker["OffsetFlushTimeoutMs"]! + 30_000;

        Assert.True((int)values["terminationGracePeriodSeconds"]! * 1000 >= neededMs, $"{file}: terminationGracePeriodSeconds below {neededMs} ms");
    }

    private static EvaluationResults Evaluate(JsonNode? values)
    {
        using var document = JsonDocument.Parse(values!.ToJsonString());
        return Schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static string Describe(EvaluationResults result) =>
        string.Join('\n', (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));

    private static void CollectUndeclared(JsonNode? value, JsonNode schema, JsonNode root, string path, List<string> undeclared)
    {
        if (schema["$ref"] is { } reference)
        {
            schema = root["definitions"]![reference.GetValue<string>().Split('/')[^1]]!;
        }

        if (value is not JsonObject map || schema["properties"] is not JsonObject properties)
        {
            return;
        }

        foreach (var (key, child) in map)
        {
            if (properties[key] is { } declared)
            {
                CollectUndeclared(child, declared, root, $"{path}.{key}", undeclared);
            }
            else if (schema["additionalProperties"] is not JsonObject)
            {
                undeclared.Add($"{path}.{key}".TrimStart('.'));
            }
        }
    }

    [GeneratedRegex(@"\.Values\.(?<path>[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*)")]
    private static partial Regex ValuesReference();
}
