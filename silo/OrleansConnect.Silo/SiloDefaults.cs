namespace OrleansConnect.Silo;

/// <summary>The silo's own defaults (the cluster's are in <see cref="OrleansConnect.Grains.ClusterDefaults"/>).</summary>
internal static class SiloDefaults
{
    public const string Urls = "http://localhost:8083";
    public const string DashboardPath = "/dashboard";

    /// <summary>
    /// The setting that turns the Orleans dashboard off (<c>OrleansConnect:Dashboard=false</c>): it has no
    /// authentication, and its statistics collection is about 80 MB of an idle silo's resident memory.
    /// </summary>
    public const string DashboardSetting = "OrleansConnect:Dashboard";

    /// <summary>Whether the dashboard runs: on unless <see cref="DashboardSetting"/> is false.</summary>
    public static bool DashboardEnabled(IConfiguration configuration) => configuration.GetValue(DashboardSetting, true);
}
