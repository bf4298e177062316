namespace OrleansConnect.Silo;

/// <summary>The silo's own defaults (the cluster's are in <see cref="OrleansConnect.Grains.ClusterDefaults"/>).</summary>
internal static class SiloDefaults
{
    public const string Urls = "http://localhost:8083";
    public const string DashboardPath = "/dashboard";
}
