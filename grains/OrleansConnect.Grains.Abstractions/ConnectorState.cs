namespace OrleansConnect.Grains;

/// <summary>The observed state of a connector or task, as Kafka's status values.</summary>
[GenerateSerializer, Alias("oc.ConnectorState")]
public enum ConnectorState
{
    /// <summary>Configured but not yet started.</summary>
    Unassigned,

    /// <summary>Running.</summary>
    Running,

    /// <summary>Paused.</summary>
    Paused,

    /// <summary>Stopped (connectors only).</summary>
    Stopped,

    /// <summary>Failed; the status carries the trace. Stays so until restarted.</summary>
    Failed,

    /// <summary>A restart was requested and is being carried out.</summary>
    Restarting,
}
