namespace OrleansConnect.Grains;

/// <summary>Whether a connector reads into Kafka or writes out of it.</summary>
[GenerateSerializer, Alias("oc.ConnectorType")]
public enum ConnectorType
{
    /// <summary>Not known (the class could not be loaded).</summary>
    Unknown,

    /// <summary>A source connector.</summary>
    Source,

    /// <summary>A sink connector.</summary>
    Sink,
}
