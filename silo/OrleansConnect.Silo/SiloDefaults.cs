namespace OrleansConnect.Silo;

/// <summary>The standalone defaults: Kafka Connect's REST port, Orleans' usual ports.</summary>
internal static class SiloDefaults
{
    public const string Urls = "http://localhost:8083";
    public const string DashboardPath = "/dashboard";
    public const int SiloPort = 11111;
    public const int GatewayPort = 30000;
    public const string ClusterId = "orleansconnect";
    public const string ServiceId = "orleansconnect";
}
