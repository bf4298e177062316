namespace OrleansConnect.Plugins.Data;

/// <summary>A named field of a struct schema, with its position and schema.</summary>
/// <param name="Name">The field name; unique within its struct.</param>
/// <param name="Index">The zero-based position of the field in its struct.</param>
/// <param name="Schema">The schema of the field's values.</param>
public sealed record Field(string Name, int Index, Schema Schema);
