using System.Globalization;
using System.Text.Json;
using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.Http;

/// <summary>JSON Pointers (RFC 6901): <c>""</c> is the whole document, <c>/data/items</c> a member of a member.</summary>
internal static class JsonPointer
{
    /// <summary>Finds what a pointer points to.</summary>
    /// <returns>False when a step is missing.</returns>
    public static bool TryResolve(JsonElement root, string pointer, out JsonElement result)
    {
        result = root;
        if (pointer.Length == 0)
        {
            return true;
        }

        foreach (var raw in pointer[1..].Split('/'))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (result.ValueKind == JsonValueKind.Object && result.TryGetProperty(token, out var member))
            {
                result = member;
            }
            else if (result.ValueKind == JsonValueKind.Array
                && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < result.GetArrayLength())
            {
                result = result[index];
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A validator: empty, or a pointer starting with a slash.</summary>
    public static void Validate(string name, object? value)
    {
        if (value is string s && s.Length > 0 && s[0] != '/')
        {
            throw new ConfigException(name, value, "A JSON Pointer is empty (the whole response) or starts with '/', such as /data/items");
        }
    }
}
