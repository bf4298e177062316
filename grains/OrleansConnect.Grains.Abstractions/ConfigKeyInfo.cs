using System.Collections.Immutable;

namespace OrleansConnect.Grains;

/// <summary>The definition of one configuration key, as Kafka's <c>ConfigKeyInfo</c>.</summary>
/// <param name="Name">The key, with its prefix (<c>transforms.x.field</c>) where it belongs to a transform, predicate or converter.</param>
/// <param name="Type">The ConfigDef type upper-case: STRING, INT, SHORT, LONG, DOUBLE, BOOLEAN, LIST, CLASS or PASSWORD.</param>
/// <param name="Required">Whether the key has no default.</param>
/// <param name="DefaultValue">The default as a configuration string; null when required or when the default is null.</param>
/// <param name="Importance">HIGH, MEDIUM or LOW.</param>
/// <param name="Documentation">What the key does.</param>
/// <param name="Group">The group the key is shown in, or null.</param>
/// <param name="OrderInGroup">The key's position in its group, or -1.</param>
/// <param name="Width">NONE, SHORT, MEDIUM or LONG.</param>
/// <param name="DisplayName">A human name (the key when none is defined).</param>
/// <param name="Dependents">Keys whose validity depends on this one.</param>
[GenerateSerializer, Immutable, Alias("oc.ConfigKeyInfo")]
public sealed record ConfigKeyInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] string Type,
    [property: Id(2)] bool Required,
    [property: Id(3)] string? DefaultValue,
    [property: Id(4)] string Importance,
    [property: Id(5)] string Documentation,
    [property: Id(6)] string? Group,
    [property: Id(7)] int OrderInGroup,
    [property: Id(8)] string Width,
    [property: Id(9)] string DisplayName,
    [property: Id(10)] ImmutableArray<string> Dependents);
