namespace OrleansConnect.Grains.Hosting;

/// <summary>Which of Kafka's worker commands a worker file was given to.</summary>
public enum WorkerMode
{
    /// <summary><c>connect-distributed</c>: silos of one <c>group.id</c> and state store form a cluster.</summary>
    Distributed,

    /// <summary><c>connect-standalone</c>: one silo, connectors from the files named after the worker file.</summary>
    Standalone,
}
