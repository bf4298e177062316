using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using k8s;
using k8s.Models;
using OrleansConnect.Grains;
using YamlDotNet.RepresentationModel;

namespace OrleansConnect.Deploy.Tests;

/// <summary>
/// helm/orleansconnect, checked without helm: values against values.schema.json as helm install does, the templates
/// with their actions taken out as YAML and as KubernetesClient's typed objects, and the defaults against the code and
/// the docs.
/// </summary>
public sealed partial class HelmChartTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(Repository.Chart, "values.schema.json")));

    /// <summary>The helpers that produce YAML, deserialized strictly as the type of the field they are included into.</summary>
    private static readonly Dictionary<string, Func<string, object?>> HelperTypes = new(StringComparer.Ordinal)
    {
        ["orleansconnect.labels"] = yaml => KubernetesYaml.Deserialize<Dictionary<string, string>>(yaml, strict: true),
        ["orleansconnect.siloSelectorLabels"] = yaml => KubernetesYaml.Deserialize<Dictionary<string, string>>(yaml, strict: true),
        ["orleansconnect.apiSelectorLabels"] = yaml => KubernetesYaml.Deserialize<Dictionary<string, string>>(yaml, strict: true),
        ["orleansconnect.clusterEnv"] = yaml => KubernetesYaml.Deserialize<List<V1EnvVar>>(yaml, strict: true),
        ["orleansconnect.containerSecurityContext"] = yaml => KubernetesYaml.Deserialize<V1SecurityContext>(yaml, strict: true),
    };

    /// <summary>The values the templates pass through toYaml, and the Kubernetes type of the field they land in.</summary>
    private static readonly (string Path, Type Type)[] PassedThroughValues =
    [
        ("resources", typeof(V1ResourceRequirements)),
        ("api.resources", typeof(V1ResourceRequirements)),
        ("plugins.volume", typeof(V1Volume)),
        ("imagePullSecrets", typeof(List<V1LocalObjectReference>)),
        ("podLabels", typeof(Dictionary<string, string>)),
        ("podAnnotations", typeof(Dictionary<string, string>)),
        ("ingress.annotations", typeof(Dictionary<string, string>)),
        ("nodeSelector", typeof(Dictionary<string, string>)),
        ("tolerations", typeof(List<V1Toleration>)),
        ("affinity", typeof(V1Affinity)),
        ("extraEnv", typeof(List<V1EnvVar>)),
    ];

    private static readonly MethodInfo Deserialize = typeof(KubernetesYaml).GetMethod(nameof(KubernetesYaml.Deserialize), [typeof(string), typeof(bool)])!;

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
    public void Template_WithoutActions_DeserializesStrictlyIntoKubernetesTypes(string template)
    {
        var objects = Yaml.KubernetesObjects(File.ReadAllText(Path.Combine(Repository.Chart, template)));

        Assert.NotEmpty(objects);
        Assert.All(objects, o => Assert.Equal(typeof(V1Pod).Namespace, o.GetType().Namespace));
    }

    [Fact]
    public void Templates_WithoutActions_HoldTheChartsObjectTypes()
    {
        var types = ((IEnumerable<TheoryDataRow<string>>)Templates).Select(row => row.Data)
            .SelectMany(template => Yaml.KubernetesObjects(File.ReadAllText(Path.Combine(Repository.Chart, template))))
            .Select(o => o.GetType().Name).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(
            new[] { nameof(V1Deployment), nameof(V1Service), nameof(V1PodDisruptionBudget), nameof(V1ServiceAccount), nameof(V1Role), nameof(V1RoleBinding), nameof(V1Ingress), nameof(V1Job), nameof(V1Pod) }.Order(StringComparer.Ordinal),
            types.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_LiteralValues_HaveTheJsonTypesOfTheirFields(string template)
    {
        var mismatches = KubernetesFieldTypes.Mismatches(File.ReadAllText(Path.Combine(Repository.Chart, template)));

        Assert.True(mismatches.Count == 0, $"{template}: values the API server would refuse:\n{string.Join('\n', mismatches)}");
    }

    [Theory]
    [InlineData("templates/silo-deployment.yaml", "prometheus.io/port: \"8083\"", "prometheus.io/port: 8083")]
    [InlineData("templates/silo-deployment.yaml", "value: /plugins", "value: 1")]
    [InlineData("templates/silo-deployment.yaml", "containerPort: 8083", "containerPort: \"8083\"")]
    [InlineData("templates/silo-deployment.yaml", "readOnly: true", "readOnly: \"true\"")]
    public void Template_LiteralOfTheWrongJsonType_IsAMismatch(string template, string field, string wrong)
    {
        var text = File.ReadAllText(Path.Combine(Repository.Chart, template));
        Assert.Contains(field, text, StringComparison.Ordinal);

        var mismatches = KubernetesFieldTypes.Mismatches(text.Replace(field, wrong, StringComparison.Ordinal));

        Assert.Contains(mismatches, m => m.Contains(wrong.Split(':')[0].Trim(), StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void Values_PassedThroughToYaml_DeserializeStrictlyIntoTheirKubernetesTypes(string file)
    {
        var values = Yaml.Merge(Defaults, Yaml.ToJson(File.ReadAllText(Path.Combine(Repository.Chart, file))))!;

        var problems = PassedThroughProblems(values);

        Assert.True(problems.Count == 0, $"{file}:\n{string.Join('\n', problems)}");
    }

    [Fact]
    public void PassedThroughValues_AreEveryValueTheTemplatesPassToToYaml()
    {
        var texts = ((IEnumerable<TheoryDataRow<string>>)Templates).Select(row => File.ReadAllText(Path.Combine(Repository.Chart, row.Data))).ToList();

        var used = texts.SelectMany(t => ToYamlOfValue().Matches(t).Concat(ToYamlInWith().Matches(t))).Select(m => m.Groups["path"].Value)
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(PassedThroughValues.Select(v => v.Path).Order(StringComparer.Ordinal), used.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("resources: {request: {cpu: 1}}", "request")]
    [InlineData("tolerations: [{key: spot, efect: NoSchedule}]", "efect")]
    [InlineData("podAnnotations: {prometheus.io/port: 8083}", "prometheus.io/port")]
    [InlineData("plugins: {volume: {persistentVolumeClaim: {claim: plugins}}}", "claim")]
    [InlineData("extraEnv: [{name: A, value: 1}]", "extraEnv[0].value")]
    public void Values_PassedThroughToYaml_MisspeltFieldOrWrongType_Fails(string overrides, string mentioned)
    {
        var values = Yaml.Merge(Defaults, Yaml.ToJson(overrides))!;

        var problems = PassedThroughProblems(values);

        Assert.Contains(problems, p => p.Contains(mentioned, StringComparison.Ordinal));
    }

    [Fact]
    public void Helpers_WithoutActions_DeserializeStrictlyIntoTheTypesTheyAreIncludedAs()
    {
        var definitions = Yaml.Definitions(File.ReadAllText(Path.Combine(Repository.Chart, "templates", "_helpers.tpl")));
        // The others yield a name (a scalar).
        var yielding = definitions.Where(d => Yaml.Load(Yaml.StripTemplateActions(d.Value)) is [{ RootNode: YamlMappingNode or YamlSequenceNode }])
            .Select(d => d.Key).Order(StringComparer.Ordinal);

        Assert.Equal(HelperTypes.Keys.Order(StringComparer.Ordinal), yielding);
        foreach (var (name, deserialize) in HelperTypes)
        {
            Assert.NotNull(deserialize(Yaml.StripTemplateActions(definitions[name])));
        }
    }

    [Theory]
    [InlineData("templates/silo-deployment.yaml", "containerPort: 8083", "containerPrt: 8083", "containerPrt")]
    [InlineData("templates/silo-deployment.yaml", "failureThreshold: 60", "failureThreshold: sixty", "sixty")]
    [InlineData("templates/silo-deployment.yaml", "maxUnavailable: 0", "maxUnavailable: [0]", "Sequence start")]
    [InlineData("templates/ingress.yaml", "pathType: Exact", "pathtype: Exact", "pathtype")]
    [InlineData("templates/rbac.yaml", "verbs:", "verb:", "verb")]
    [InlineData("templates/silo-pdb.yaml", "apiVersion: policy/v1", "apiVersion: policy/v2", "policy/v2/PodDisruptionBudget")]
    [InlineData("templates/tests/test-connection.yaml", "restartPolicy: Never", "restartPolicy: {never: true}", "System.String")]
    public void Template_MisspeltFieldOrWrongType_FailsDeserialization(string template, string field, string wrong, string mentioned)
    {
        var text = File.ReadAllText(Path.Combine(Repository.Chart, template));
        Assert.Contains(field, text, StringComparison.Ordinal);

        var broken = text.Replace(field, wrong, StringComparison.Ordinal);

        var error = Assert.ThrowsAny<Exception>(() => Yaml.KubernetesObjects(broken));
        Assert.Contains(mentioned, $"{error.Message} {error.InnerException?.Message}", StringComparison.Ordinal);
    }

    [Fact]
    public void Helper_MisspeltField_FailsDeserialization()
    {
        var definition = Yaml.Definitions(File.ReadAllText(Path.Combine(Repository.Chart, "templates", "_helpers.tpl")))["orleansconnect.containerSecurityContext"];

        var broken = definition.Replace("readOnlyRootFilesystem", "readOnlyRootFileSystem", StringComparison.Ordinal);

        Assert.NotEqual(definition, broken);
        var error = Assert.ThrowsAny<Exception>(() => HelperTypes["orleansconnect.containerSecurityContext"](Yaml.StripTemplateActions(broken)));
        Assert.Contains("readOnlyRootFileSystem", error.Message, StringComparison.Ordinal);
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

    /// <summary>Each value the templates pass through toYaml, deserialized strictly and its literals typed as JSON.</summary>
    private static List<string> PassedThroughProblems(JsonNode values)
    {
        var problems = new List<string>();
        foreach (var (path, type) in PassedThroughValues)
        {
            // JSON is YAML, with strings quoted: the field type check sees the types helm's toYaml writes.
            var text = path.Split('.').Aggregate<string, JsonNode?>(values, (node, key) => node?[key])?.ToJsonString();
            if (text is null)
            {
                continue;
            }

            try
            {
                Deserialize.MakeGenericMethod(type).Invoke(null, [text, true]);
            }
            catch (TargetInvocationException e)
            {
                problems.Add($"{path}: {e.InnerException!.Message} {e.InnerException.InnerException?.Message}");
            }

            problems.AddRange(KubernetesFieldTypes.Mismatches(Yaml.Load(text)[0].RootNode, type, path));
        }

        return problems;
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

    [GeneratedRegex(@"toYaml \.Values\.(?<path>[\w.]+)")]
    private static partial Regex ToYamlOfValue();

    // {{- with .Values.x }} ... {{- toYaml . | nindent n }}, with no other action between.
    [GeneratedRegex(@"\{\{-?\s*with \.Values\.(?<path>[\w.]+)\s*-?\}\}[^{]*\{\{-?\s*toYaml \.\s")]
    private static partial Regex ToYamlInWith();
}
