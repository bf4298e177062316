using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OrleansConnect.Deploy.Tests;

/// <summary>YAML as Helm reads it: values files to JSON for the schema, templates as YAML once the actions are gone.</summary>
internal static partial class Yaml
{
    /// <summary>The documents of a YAML stream; a duplicate key or a syntax error throws.</summary>
    public static IList<YamlDocument> Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents;
    }

    /// <summary>A one-document YAML file as JSON, plain scalars typed as YAML's core schema types them.</summary>
    public static JsonNode? ToJson(string text) => Load(text) is [var document] ? ToJson(document.RootNode) : null;

    public static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    /// <summary>Helm's merge of a values file over the chart's values: maps merge key by key, anything else replaces.</summary>
    public static JsonNode? Merge(JsonNode? defaults, JsonNode? overrides)
    {
        if (defaults is not JsonObject baseMap || overrides is not JsonObject overrideMap)
        {
            return overrides?.DeepClone();
        }

        var merged = (JsonObject)baseMap.DeepClone();
        foreach (var (key, value) in overrideMap)
        {
            merged[key] = Merge(merged[key], value);
        }

        return merged;
    }

    /// <summary>
    /// A template with its actions taken out: comments and lines holding only actions (if/range/with/end, include or
    /// toYaml with nindent) are removed, actions inside a line become the placeholder 0, which a typed field reads as
    /// a string, a number or an int-or-string alike. Both branches of an if stay.
    /// </summary>
    public static string StripTemplateActions(string template, string placeholder = "0")
    {
        var lines = Comment().Replace(template, string.Empty).Split('\n')
            .Where(line => !ActionOnlyLine().IsMatch(line))
            .Select(line => InlineAction().Replace(line, placeholder));
        return string.Join('\n', lines);
    }

    /// <summary>
    /// The Kubernetes objects of a template with its actions taken out, as KubernetesClient's k8s.Models types (chosen
    /// by apiVersion and kind), strictly: an unknown field, kind or apiVersion, or a value of the wrong type throws.
    /// </summary>
    public static IList<object> KubernetesObjects(string template)
    {
        try
        {
            return KubernetesYaml.LoadAllFromString(StripTemplateActions(template), typeMap: null, strict: true);
        }
        catch (KeyNotFoundException e)
        {
            // KubernetesYaml looks the type up by "apiVersion/kind".
            throw new InvalidOperationException($"No Kubernetes type for this apiVersion and kind: {e.Message}", e);
        }
    }

    /// <summary>What <c>{{ define "name" }}</c> ... <c>{{ end }}</c> holds in a helpers file, by name, actions still in.</summary>
    public static IReadOnlyDictionary<string, string> Definitions(string helpers) =>
        Define().Split(Comment().Replace(helpers, string.Empty)) is [_, .. var parts]
            ? parts.Chunk(2).ToDictionary(p => p[0], p => p[1][..p[1].LastIndexOf("{{", StringComparison.Ordinal)], StringComparer.Ordinal)
            : new Dictionary<string, string>();

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
            _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var large) => JsonValue.Create(large),
            _ when FloatNumber().IsMatch(value) => JsonValue.Create(double.Parse(value, CultureInfo.InvariantCulture)),
            _ => JsonValue.Create(value),
        };
    }

    [GeneratedRegex(@"\{\{-?\s*/\*.*?\*/\s*-?\}\}", RegexOptions.Singleline)]
    private static partial Regex Comment();

    // Split keeps the captured name between the parts: text, name, body, name, body...
    [GeneratedRegex(@"\{\{-?\s*define\s+""(?<name>[^""]+)""\s*-?\}\}")]
    private static partial Regex Define();

    [GeneratedRegex(@"^\s*(\{\{-?[^}]*-?\}\}\s*)+$")]
    private static partial Regex ActionOnlyLine();

    [GeneratedRegex(@"\{\{-?[^}]*-?\}\}")]
    private static partial Regex InlineAction();

    [GeneratedRegex(@"^[-+]?(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?$")]
    private static partial Regex FloatNumber();
}
