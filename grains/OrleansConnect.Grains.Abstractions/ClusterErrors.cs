using Orleans.Runtime;

namespace OrleansConnect.Grains;

/// <summary>
/// Which failures of a grain call are the cluster's own and pass: a silo died and its grains are moving, or the
/// cluster's storage is unreachable. A task loop keeps running through them and the REST API answers 503.
/// </summary>
public static class ClusterErrors
{
    /// <summary>
    /// True when the call failed because the silo hosting the grain is unreachable or just left the cluster (the same
    /// call succeeds once membership has declared that silo dead and the grain is re-activated elsewhere, seconds), or
    /// because the cluster's storage failed to read or write the grain's state (<see cref="ClusterStorageException"/>:
    /// the call succeeds once storage is back).
    /// </summary>
    /// <param name="exception">The exception of the failed call.</param>
    /// <returns>True for a transient cluster failure.</returns>
    public static bool IsTransient(Exception exception) =>
        exception is SiloUnavailableException or OrleansMessageRejectionException or ClusterStorageException;
}
