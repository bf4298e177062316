using Orleans.Runtime;
using Orleans.Storage;

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
    /// the call succeeds once storage is back), or because storage held a newer version of the grain's state than the
    /// grain (<see cref="InconsistentStateException"/>: Orleans deactivates the grain, and the call succeeds when retried on
    /// an activation that read the stored version), or because the grain directory's owner of the grain's entry is a
    /// silo that just left (Orleans' <c>OrleansException</c> "Silo … is not owner of …, cannot forward … to owner …",
    /// seen when a silo stopped during a PostgreSQL outage: the lookup succeeds once membership has moved the
    /// directory range; Orleans has no exception type of its own for it, so its message is what tells).
    /// </summary>
    /// <param name="exception">The exception of the failed call.</param>
    /// <returns>True for a transient cluster failure.</returns>
    public static bool IsTransient(Exception exception) =>
        exception is SiloUnavailableException or OrleansMessageRejectionException or ClusterStorageException or InconsistentStateException
        || (exception is OrleansException && exception.Message.Contains(" is not owner of ", StringComparison.Ordinal) && exception.Message.Contains("cannot forward", StringComparison.Ordinal));
}
