namespace OrleansConnect.Plugins.Config;

/// <summary>A hint for UIs of how wide a value's input should be, as Kafka's <c>ConfigDef.Width</c>.</summary>
public enum Width
{
    /// <summary>No hint.</summary>
    None,

    /// <summary>A short value.</summary>
    Short,

    /// <summary>A medium value.</summary>
    Medium,

    /// <summary>A long value.</summary>
    Long,
}
