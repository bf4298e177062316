namespace OrleansConnect.Plugins.Config;

/// <summary>How much a user should care about a configuration key, for documentation and UIs.</summary>
public enum Importance
{
    /// <summary>Most users set or check it.</summary>
    High,

    /// <summary>Often useful.</summary>
    Medium,

    /// <summary>For tuning and special cases.</summary>
    Low,
}
