namespace OrleansConnect.Grains;

/// <summary>What the user asked a connector to be (Kafka's <c>TargetState</c>); distinct from what it is (<see cref="ConnectorState"/>).</summary>
[GenerateSerializer, Alias("oc.TargetState")]
public enum TargetState
{
    /// <summary>Running (Kafka's STARTED).</summary>
    Started,

    /// <summary>Paused: tasks keep their resources and position but do not poll or consume.</summary>
    Paused,

    /// <summary>Stopped: the connector has no tasks; offsets may be altered.</summary>
    Stopped,
}
