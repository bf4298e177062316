using System.Collections;
using System.Text;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;

namespace OrleansConnect.Plugins.Transforms.Util;

/// <summary>
/// A field named by <c>field.syntax.version</c> (KIP-821, Kafka's <c>SingleFieldPath</c>): with <c>V1</c> the whole text
/// is one top-level name; with <c>V2</c> dots separate nested names, and a name in backticks may hold dots
/// (<c>`a.b`.c</c>), a backslash before a backtick that ends such a name keeping the backtick (<c>`a\`.b`</c> is the name
/// <c>a`.b</c>). A path ending in a dot ends in an empty name.
/// </summary>
internal sealed class FieldPath
{
    private const string NestedPurpose = "nested field access";

    private readonly string[] _steps;

    private FieldPath(string text, string[] steps)
    {
        Text = text;
        _steps = steps;
    }

    /// <summary>The path as configured.</summary>
    public string Text { get; }

    /// <summary>Parses a path; <paramref name="key"/> names the configuration key in the error.</summary>
    /// <exception cref="ConfigException">A V2 path with a backtick that is never closed.</exception>
    public static FieldPath Parse(string key, string text, bool v2) => new(text, v2 ? ParseV2(key, text) : [text]);

    private static string[] ParseV2(string key, string path)
    {
        var steps = new List<string>();
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] != '`')
            {
                var dot = path.IndexOf('.', i);
                steps.Add(dot < 0 ? path[i..] : path[i..dot]);
                i = dot < 0 ? path.Length : dot + 1;
                continue;
            }

            // The name runs to the first backtick that ends the path or is followed by a dot, unless a backslash
            // precedes it (then the backtick is part of the name and the search goes on); other backticks are text.
            var opening = i;
            var name = new StringBuilder();
            var start = ++i;
            while (true)
            {
                var tick = path.IndexOf('`', i);
                if (tick < 0)
                {
                    throw IncompleteBacktick(key, path, opening);
                }

                var escaped = path[tick - 1] == '\\';
                if (tick == path.Length - 1)
                {
                    if (escaped)
                    {
                        throw IncompleteBacktick(key, path, opening);
                    }

                    steps.Add(name.Append(path, start, tick - start).ToString());
                    i = path.Length;
                    break;
                }

                if (path[tick + 1] != '.')
                {
                    i = tick + 1;
                    continue;
                }

                if (escaped)
                {
                    name.Append(path, start, tick - 1 - start).Append('`');
                    start = i = tick + 1;
                    continue;
                }

                steps.Add(name.Append(path, start, tick - start).ToString());
                i = tick + 2;
                break;
            }
        }

        if (path.Length == 0 || path[^1] == '.')
        {
            steps.Add(string.Empty);
        }

        return [.. steps];
    }

    private static ConfigException IncompleteBacktick(string key, string path, int at) =>
        new(key, path, $"Incomplete backtick pair in path: [{path}], consider adding a backslash before backtick at position {at} to escape it");

    /// <summary>The field at the path in a struct schema, or null when a step names no field.</summary>
    /// <exception cref="Errors.DataException">A step before the last is not a struct.</exception>
    public Field? FieldFrom(Schema schema)
    {
        var current = schema;
        for (var i = 0; i < _steps.Length - 1; i++)
        {
            var field = current.Field(_steps[i]);
            if (field is null)
            {
                return null;
            }

            current = field.Schema;
        }

        return current.Field(_steps[^1]);
    }

    /// <summary>The value at the path, or null when a step is missing or null; the last field's default applies when
    /// <paramref name="withDefault"/> (<c>replace.null.with.default</c>).</summary>
    /// <exception cref="Errors.DataException">A value before the last step is not a struct.</exception>
    public object? ValueFrom(Struct value, bool withDefault)
    {
        var current = value;
        for (var i = 0; i < _steps.Length - 1; i++)
        {
            if (current.Schema.Field(_steps[i]) is null)
            {
                return null;
            }

            current = Requirements.RequireStructOrNull(current.Get(_steps[i]), NestedPurpose);
            if (current is null)
            {
                return null;
            }
        }

        var last = current.Schema.Field(_steps[^1]);
        return last is null ? null : TransformConfig.FieldValue(current, last, withDefault);
    }

    /// <summary>The value at the path in a schemaless map, or null when a step is missing or null.</summary>
    /// <exception cref="Errors.DataException">A value before the last step is not a map.</exception>
    public object? ValueFrom(IDictionary map)
    {
        var current = map;
        for (var i = 0; i < _steps.Length - 1; i++)
        {
            current = Requirements.RequireMapOrNull(Requirements.Get(current, _steps[i]), NestedPurpose);
            if (current is null)
            {
                return null;
            }
        }

        return Requirements.Get(current, _steps[^1]);
    }
}
