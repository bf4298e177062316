using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansConnect.Grains;

namespace OrleansConnect.Deploy.Tests;

/// <summary>
/// deploy/containerapps/main.bicep compiled and linted by the real Bicep compiler (every .bicep file of the repository
/// is), and the ARM template it compiles to checked against the code; without az, so nothing is deployed.
/// </summary>
public sealed class ContainerAppsTemplateTests(CompiledBicep bicep) : IClassFixture<CompiledBicep>
{
    private const string Main = "deploy/containerapps/main.bicep";

    private static readonly string[] SecureParameters = ["registryPassword", "postgresConnectionString", "postgresAdminPassword", "kafkaSaslPassword"];

    private JsonNode Template => bicep.Template(Main);

    private JsonObject Parameters => Template["parameters"]!.AsObject();

    private JsonObject Variables => Template["variables"]!.AsObject();

    // languageVersion 2.0 (symbolic names) keys resources by name; the default is an array.
    private JsonNode ContainerApp =>
        Assert.Single(Template["resources"] is JsonObject named ? named.Select(r => r.Value) : Template["resources"]!.AsArray(), r => (string?)r!["type"] == "Microsoft.App/containerApps")!;

    [Fact]
    public void EveryBicepFile_Builds_WithoutErrorsOrWarnings()
    {
        Assert.Contains(Main, bicep.Files);

        var failed = bicep.Builds.Where(b => !b.Value.IsClean).Select(b => b.Value.Describe()).ToList();

        Assert.True(failed.Count == 0, string.Join("\n", failed));
    }

    [Fact]
    public void EveryBicepFile_Lints_WithoutErrorsOrWarnings()
    {
        var failed = bicep.Lints.Where(b => !b.Value.IsClean).Select(b => b.Value.Describe()).ToList();

        Assert.True(failed.Count == 0, string.Join("\n", failed));
    }

    [Fact]
    public async Task Build_MisspeltProperty_Warns()
    {
        var source = await File.ReadAllTextAsync(Repository.File(Main), TestContext.Current.CancellationToken);
        Assert.Contains("targetPort: restPort", source, StringComparison.Ordinal);

        var build = await bicep.BuildVariantAsync(Main, source.Replace("targetPort: restPort", "targetPrt: restPort", StringComparison.Ordinal));

        Assert.False(build.IsClean, "bicep build accepted the property targetPrt of the container app's ingress");
        Assert.Contains(build.Problems, p => p.Line.Contains("targetPrt", StringComparison.Ordinal));
    }

    [Fact]
    public void Parameters_SecretsAreSecureStrings()
    {
        var secure = Parameters.Where(p => (string?)p.Value!["type"] is "securestring" or "secureObject").Select(p => p.Key).Order(StringComparer.Ordinal);
        var named = Parameters.Where(p => p.Key.Contains("Password", StringComparison.Ordinal) || p.Key.Contains("ConnectionString", StringComparison.Ordinal)).Select(p => p.Key);

        Assert.Equal(SecureParameters.Order(StringComparer.Ordinal), secure);
        Assert.Subset(secure.ToHashSet(StringComparer.Ordinal), named.ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public void ParametersExample_SatisfiesTheCompiledParameters()
    {
        using var example = JsonDocument.Parse(File.ReadAllText(Repository.File("deploy", "containerapps", "main.parameters.example.json")));
        var given = example.RootElement.GetProperty("parameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetProperty("value"), StringComparer.Ordinal);
        var problems = new List<string>();

        problems.AddRange(given.Keys.Where(p => !Parameters.ContainsKey(p)).Select(p => $"{p}: not a parameter of the template"));
        problems.AddRange(Parameters.Where(p => p.Value!["defaultValue"] is null && !given.ContainsKey(p.Key)).Select(p => $"{p.Key}: required, missing"));
        foreach (var (name, value) in given.Where(g => Parameters.ContainsKey(g.Key)))
        {
            problems.AddRange(ParameterProblems(Parameters[name]!, value).Select(p => $"{name}: {p}"));
        }

        Assert.True(problems.Count == 0, $"main.parameters.example.json against the compiled template:\n{string.Join('\n', problems)}");
    }

    [Fact]
    public void Ports_MatchTheSiloDefaults()
    {
        Assert.Equal(Repository.DefaultUrlPort("silo/OrleansConnect.Silo/SiloDefaults.cs"), (int)Variables["restPort"]!);
        Assert.Equal(ClusterDefaults.SiloPort, (int)Variables["siloPort"]!);
        Assert.Equal(ClusterDefaults.GatewayPort, (int)Variables["gatewayPort"]!);
        Assert.Equal(ClusterDefaults.ClusterId, (string?)Parameters["clusterId"]!["defaultValue"]);
        Assert.Equal(ClusterDefaults.ServiceId, (string?)Parameters["serviceId"]!["defaultValue"]);
    }

    [Fact]
    public void Ingress_RestApiExternalHttp_SiloAndGatewayPortsInternal()
    {
        var ingress = ContainerApp["properties"]!["configuration"]!["ingress"]!;
        var additional = ingress["additionalPortMappings"]!.AsArray();

        Assert.True((bool)ingress["external"]!);
        Assert.Equal("http", (string?)ingress["transport"]);
        Assert.False((bool)ingress["allowInsecure"]!);
        Assert.Equal(Repository.DefaultUrlPort("silo/OrleansConnect.Silo/SiloDefaults.cs"), Integer(ingress["targetPort"]));

        // Container Apps' additional port mappings are TCP (they have no transport of their own).
        Assert.Equal(
            [(ClusterDefaults.SiloPort, ClusterDefaults.SiloPort), (ClusterDefaults.GatewayPort, ClusterDefaults.GatewayPort)],
            additional.Select(m => (Integer(m!["targetPort"]), Integer(m["exposedPort"]))));
        Assert.All(additional, m => Assert.False((bool)m!["external"]!));
    }

    [Fact]
    public void Environment_SecretsOnlyThroughSecretRefs()
    {
        var configuration = ContainerApp["properties"]!["configuration"]!;
        var container = Assert.Single(ContainerApp["properties"]!["template"]!["containers"]!.AsArray())!;
        var env = Entries(container["env"]!).ToList();
        var secrets = Entries(configuration["secrets"]!).ToList();
        var secretNames = secrets.Select(s => (string)((ArmExpression.Literal)s["name"]).Value).ToHashSet(StringComparer.Ordinal);

        Assert.Contains(env, e => Name(e) == "ConnectionStrings__PostgreSQL" && SecretRef(e) == "postgres-connection-string");
        Assert.Contains(env, e => Name(e) == "Kafka__Client__sasl.password" && SecretRef(e) == "kafka-sasl-password");
        Assert.All(env, e => Assert.True(e.ContainsKey("value") != e.ContainsKey("secretRef"), $"{Name(e)}: neither or both of value and secretRef"));
        Assert.All(env.Where(e => e.ContainsKey("secretRef")), e => Assert.Contains(SecretRef(e)!, secretNames));
        Assert.All(env.Where(e => e.ContainsKey("value")), e => Assert.True(
            Secrets(e["value"]).Count == 0, $"{Name(e)}: a plain value from {string.Join(", ", Secrets(e["value"]))}"));

        // Every secret parameter, and the Event Hubs connection string (listKeys), reaches the app through its secrets.
        Assert.Equal(
            SecureParameters.Append("listKeys").Order(StringComparer.Ordinal),
            secrets.SelectMany(s => Secrets(s["value"])).Distinct().Order(StringComparer.Ordinal));
        var registry = Assert.Single(Entries(configuration["registries"]!, "passwordSecretRef"));
        Assert.Contains((string)((ArmExpression.Literal)registry["passwordSecretRef"]).Value, secretNames);
    }

    [Fact]
    public void Scale_ReplicasAndRuleFromParameters()
    {
        var scale = ContainerApp["properties"]!["template"]!["scale"]!;
        var rule = Assert.Single(scale["rules"]!.AsArray())!;
        var concurrency = ArmExpression.FromValue((string)rule["http"]!["metadata"]!["concurrentRequests"]!);

        Assert.Equal("minReplicas", ArmExpression.FromValue((string)scale["minReplicas"]!).NameIn("parameters"));
        Assert.Equal("maxReplicas", ArmExpression.FromValue((string)scale["maxReplicas"]!).NameIn("parameters"));
        Assert.Contains(concurrency.DescendantsAndSelf(), e => e.NameIn("parameters") == "concurrentRequests");
        Assert.True((int)Parameters["minReplicas"]!["minValue"]! >= 1, "minReplicas may be 0: a cluster with no silo");
        Assert.True((int)Parameters["minReplicas"]!["defaultValue"]! <= (int)Parameters["maxReplicas"]!["defaultValue"]!);
    }

    private static IEnumerable<string> ParameterProblems(JsonNode parameter, JsonElement value)
    {
        var type = ((string)parameter["type"]!).ToLowerInvariant();
        var matches = type switch
        {
            "string" or "securestring" => value.ValueKind == JsonValueKind.String,
            "int" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
            "bool" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "array" => value.ValueKind == JsonValueKind.Array,
            _ => value.ValueKind == JsonValueKind.Object,
        };
        if (!matches)
        {
            yield return $"a {value.ValueKind} for a {type}";
            yield break;
        }

        if (parameter["allowedValues"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, JsonNode.Parse(value.GetRawText()))))
        {
            yield return $"{value} is not one of {allowed.ToJsonString()}";
        }

        if (value.ValueKind == JsonValueKind.Number && (value.GetInt64() < ((long?)parameter["minValue"] ?? long.MinValue) || value.GetInt64() > ((long?)parameter["maxValue"] ?? long.MaxValue)))
        {
            yield return $"{value} out of [{parameter["minValue"]}, {parameter["maxValue"]}]";
        }

        var length = value.ValueKind switch { JsonValueKind.String => value.GetString()!.Length, JsonValueKind.Array => value.GetArrayLength(), _ => (int?)null };
        if (length < ((int?)parameter["minLength"] ?? 0) || length > ((int?)parameter["maxLength"] ?? int.MaxValue))
        {
            yield return $"length {length} out of [{parameter["minLength"]}, {parameter["maxLength"]}]";
        }
    }

    private static string? Name(IReadOnlyDictionary<string, ArmExpression> entry) => (entry["name"] as ArmExpression.Literal)?.Value as string;

    private static string? SecretRef(IReadOnlyDictionary<string, ArmExpression> entry) =>
        entry.TryGetValue("secretRef", out var reference) ? (reference as ArmExpression.Literal)?.Value as string : null;

    /// <summary>The objects with <paramref name="key"/> of an array property, whether written out or built by an expression.</summary>
    private IEnumerable<IReadOnlyDictionary<string, ArmExpression>> Entries(JsonNode node, string key = "name") => node switch
    {
        JsonArray array => array.SelectMany(e => Entries(e!, key)),
        JsonObject map when map.ContainsKey(key) => [map.ToDictionary(p => p.Key, p => Expression(p.Value!), StringComparer.Ordinal)],
        JsonValue value when value.TryGetValue<string>(out var text) => ArmExpression.FromValue(text).DescendantsAndSelf()
            .SelectMany(e => e.NameIn("variables") is { } variable ? Entries(Variables[variable]!, key) : e.AsObject() is { } map && map.ContainsKey(key) ? [map] : []),
        _ => [],
    };

    /// <summary>The secure parameters and list*() calls a value reads, through the variables it uses.</summary>
    private IReadOnlyCollection<string> Secrets(JsonNode? node) => node switch
    {
        JsonObject map => [.. map.SelectMany(p => Secrets(p.Value)).Distinct()],
        JsonArray array => [.. array.SelectMany(Secrets).Distinct()],
        JsonValue value when value.TryGetValue<string>(out var text) => Secrets(ArmExpression.FromValue(text)),
        _ => [],
    };

    private IReadOnlyCollection<string> Secrets(ArmExpression expression) =>
        [.. expression.DescendantsAndSelf().SelectMany(e => e switch
        {
            _ when e.NameIn("parameters") is { } parameter => SecureParameters.Contains(parameter) ? [parameter] : [],
            _ when e.NameIn("variables") is { } variable => Secrets(Variables[variable]),
            ArmExpression.Call call when call.Name.StartsWith("list", StringComparison.OrdinalIgnoreCase) => [call.Name],
            _ => [],
        }).Distinct()];

    private static ArmExpression Expression(JsonNode node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? ArmExpression.FromValue(text) : new ArmExpression.Literal(node.ToJsonString());

    /// <summary>A number, or the variable holding one.</summary>
    private int Integer(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text)
            ? Integer(Variables[ArmExpression.FromValue(text).NameIn("variables") ?? throw new InvalidOperationException($"{text}: not a variable")])
            : (int)node!;
}
