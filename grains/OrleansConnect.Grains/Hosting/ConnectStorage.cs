namespace OrleansConnect.Grains.Hosting;

/// <summary>The names of the Orleans providers the runtime uses; the silo registers providers under these names.</summary>
public static class ConnectStorage
{
    /// <summary>Grain storage for connector configs, task assignments, statuses and source offsets.</summary>
    public const string Name = "connect";
}
