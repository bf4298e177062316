namespace OrleansConnect.Grains;

/// <summary>A logger whose level is set explicitly (Kafka's <c>LoggerLevel</c>, KIP-495).</summary>
/// <param name="Logger">The logger: a category or category prefix (namespace), or <c>root</c>.</param>
/// <param name="Level">Kafka's level name: TRACE, DEBUG, INFO, WARN, ERROR, FATAL or OFF.</param>
/// <param name="LastModified">When it was last set through the REST API (Unix ms), or null when it comes from configuration.</param>
[GenerateSerializer, Immutable, Alias("oc.LoggerLevel")]
public sealed record LoggerLevel([property: Id(0)] string Logger, [property: Id(1)] string Level, [property: Id(2)] long? LastModified);
