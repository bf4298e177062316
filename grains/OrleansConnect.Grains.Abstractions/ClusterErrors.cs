using Orleans.Runtime;

namespace OrleansConnect.Grains;

/// <summary>Which failures of a grain call are the cluster's own and pass: a silo died and its grains are moving.</summary>
public static class ClusterErrors
{
    /// <summary>
    /// True when the call failed because the silo hosting the grain is unreachable or just left the cluster: the same
    /// call succeeds once membership has declared that silo dead and the grain is re-activated elsewhere (seconds).
    /// </summary>
    /// <param name="exception">The exception of the failed call.</param>
    /// <returns>True for a transient cluster failure.</returns>
    public static bool IsTransient(Exception exception) =>
        exception is SiloUnavailableException or OrleansMessageRejectionException;
}
