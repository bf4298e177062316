namespace OrleansConnect.Grains.Hosting;

/// <summary>The names of the Orleans providers and grain states the runtime uses; the silo registers providers under these names.</summary>
public static class ConnectStorage
{
    /// <summary>Grain storage for connector configs, task assignments, statuses and source offsets.</summary>
    public const string Name = "connect";

    /// <summary>The state of the connector registry.</summary>
    public const string RegistryState = "registry";

    /// <summary>The state of a connector grain.</summary>
    public const string ConnectorState = "connector";

    /// <summary>The state of a task grain.</summary>
    public const string TaskState = "task";

    /// <summary>The state of a connector's source offsets.</summary>
    public const string OffsetsState = "offsets";

    /// <summary>The state of the audit log: the latest management operations.</summary>
    public const string AuditState = "audit";
}
