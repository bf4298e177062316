namespace OrleansConnect.Plugins.Config;

/// <summary>The type of a configuration value, as Kafka's <c>ConfigDef.Type</c>; the REST API shows it upper-case.</summary>
public enum ConfigType
{
    /// <summary><c>true</c> or <c>false</c> (case-insensitive); parsed to <see cref="bool"/>.</summary>
    Boolean,

    /// <summary>A string, trimmed; parsed to <see cref="string"/>.</summary>
    String,

    /// <summary>A 32-bit integer; parsed to <see cref="int"/>.</summary>
    Int,

    /// <summary>A 16-bit integer; parsed to <see cref="short"/>.</summary>
    Short,

    /// <summary>A 64-bit integer; parsed to <see cref="long"/>.</summary>
    Long,

    /// <summary>A double; parsed to <see cref="double"/>.</summary>
    Double,

    /// <summary>A comma-separated list; parsed to a list of trimmed strings (empty string = empty list).</summary>
    List,

    /// <summary>A plugin class name; parsed to the trimmed <see cref="string"/>, resolved by the runtime.</summary>
    Class,

    /// <summary>A secret; parsed to <see cref="Config.Password"/>, which never prints its value.</summary>
    Password,
}
