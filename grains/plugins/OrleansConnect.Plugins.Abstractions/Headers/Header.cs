using OrleansConnect.Plugins.Data;

namespace OrleansConnect.Plugins.Headers;

/// <summary>One record header: a key with a Connect value and its schema.</summary>
/// <param name="Key">The header key; several headers may share one.</param>
/// <param name="Schema">The value's schema, or null when schemaless.</param>
/// <param name="Value">The value, or null.</param>
public sealed record Header(string Key, Schema? Schema, object? Value);
