using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace OrleansConnect.Deploy.Tests;

/// <summary>
/// What the typed deserialization lets through and the API server refuses: KubernetesYaml reads any scalar into a
/// string field and a quoted number into a number field, while helm sends the manifest as JSON with YAML's types and
/// the API server decodes it strictly (an unquoted <c>8083</c> for an annotation or an env value fails there). This
/// checks the literal scalars of a template, not what its actions produce, against the field types of k8s.Models.
/// </summary>
internal static class KubernetesFieldTypes
{
    private const string Placeholder = "__action__";

    // "apps/v1/Deployment", "v1/Pod", ... as KubernetesYaml keys them.
    private static readonly Dictionary<string, Type> Types = typeof(V1Pod).Assembly.GetTypes()
        .Select(t => (type: t, entity: t.GetCustomAttribute<KubernetesEntityAttribute>()))
        .Where(e => e.entity is not null)
        .ToDictionary(e => $"{(string.IsNullOrEmpty(e.entity!.Group) ? string.Empty : e.entity.Group + "/")}{e.entity.ApiVersion}/{e.entity.Kind}", e => e.type, StringComparer.Ordinal);

    /// <summary>"path: what was written, for what type" for each literal scalar whose JSON type its field refuses.</summary>
    public static IReadOnlyList<string> Mismatches(string template)
    {
        var problems = new List<string>();
        foreach (var root in Yaml.Load(Yaml.StripTemplateActions(template, Placeholder)).Select(d => d.RootNode).OfType<YamlMappingNode>().Where(m => m.Children.Count > 0))
        {
            var key = $"{root["apiVersion"]}/{root["kind"]}";
            if (Types.TryGetValue(key, out var type))
            {
                Check(root, type, $"{root["kind"]}", problems);
            }
            else
            {
                problems.Add($"{key}: no Kubernetes type");
            }
        }

        return problems;
    }

    /// <summary>The same check of a value of <paramref name="type"/>, e.g. a values.yaml entry the chart passes through toYaml.</summary>
    public static IReadOnlyList<string> Mismatches(YamlNode node, Type type, string path)
    {
        var problems = new List<string>();
        Check(node, type, path, problems);
        return problems;
    }

    private static void Check(YamlNode node, Type type, string path, List<string> problems)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        switch (node)
        {
            case YamlScalarNode { Value: { } value } scalar when !value.Contains(Placeholder, StringComparison.Ordinal) && Yaml.ToJson(scalar) is { } json:
                if (!Accepts(type, json.GetValueKind()))
                {
                    problems.Add($"{path}: {json.GetValueKind()} {value} for a {type.Name}");
                }

                break;
            case YamlMappingNode map when ValueTypeOf(type, typeof(IDictionary<,>)) is { } valueType:
                foreach (var (key, value) in map.Children)
                {
                    Check(value, valueType, $"{path}.{key}", problems);
                }

                break;
            case YamlMappingNode map:
                var properties = type.GetProperties().ToDictionary(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? p.Name, StringComparer.Ordinal);
                foreach (var (key, value) in map.Children)
                {
                    // An unknown field is the strict deserialization's to report.
                    if (properties.TryGetValue(((YamlScalarNode)key).Value!, out var property))
                    {
                        Check(value, property.PropertyType, $"{path}.{key}", problems);
                    }
                }

                break;
            case YamlSequenceNode sequence when ValueTypeOf(type, typeof(IList<>)) is { } itemType:
                foreach (var (item, index) in sequence.Children.Select((item, index) => (item, index)))
                {
                    Check(item, itemType, $"{path}[{index}]", problems);
                }

                break;
        }
    }

    private static bool Accepts(Type type, JsonValueKind kind) =>
        type == typeof(string) || type == typeof(byte[]) || type == typeof(DateTime) ? kind == JsonValueKind.String
        : type == typeof(bool) ? kind is JsonValueKind.True or JsonValueKind.False
        : type == typeof(int) || type == typeof(long) || type == typeof(double) ? kind == JsonValueKind.Number
        : type == typeof(IntOrString) || type == typeof(ResourceQuantity) ? kind is JsonValueKind.String or JsonValueKind.Number
        : type == typeof(object);

    /// <summary>The last type argument of <paramref name="generic"/> when <paramref name="type"/> is or implements it.</summary>
    private static Type? ValueTypeOf(Type type, Type generic) =>
        type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == generic)?.GetGenericArguments()[^1];
}
