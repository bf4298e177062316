using Orleans.Configuration;

namespace OrleansConnect.Silo;

/// <summary>
/// Failure detection tuned for failover in seconds. Orleans' defaults (probe every 5 s, 3 missed probes) take 15 s
/// or more to declare a silo dead; a killed silo's tasks are idle all that time. Each value can be overridden under
/// <c>Orleans:Membership</c> with the names of <see cref="ClusterMembershipOptions"/>.
/// </summary>
internal static class ConnectMembership
{
    /// <summary>The configuration section, under <c>Orleans</c>.</summary>
    public const string Section = "Membership";

    public static void Tune(ClusterMembershipOptions options)
    {
        // A silo is probed every second; two probes missed in a row make it a suspect. Two suspicions from different
        // silos (or one, when only one other silo is left) declare it dead, and every silo learns that from the table.
        options.ProbeTimeout = TimeSpan.FromSeconds(1);
        options.NumMissedProbesLimit = 2;

        // Orleans adapts each probe's timeout to observed response times, up to 4 x ProbeTimeout by default: a silo
        // that hangs (SIGSTOP, a frozen VM, a cut network) took 8-9 s to be declared dead, against 1 s for a killed
        // process, whose connections are refused at once. Capped at ProbeTimeout, a hung silo is dead in about 2-3 s.
        // The price is in docs/operations.md: a silo paused longer than that (a stop-the-world GC, an overloaded
        // node) is declared dead too, shuts itself down, and its tasks move.
        options.MaxProbeTimeout = options.ProbeTimeout;
        options.TableRefreshTimeout = TimeSpan.FromSeconds(10);
    }
}
