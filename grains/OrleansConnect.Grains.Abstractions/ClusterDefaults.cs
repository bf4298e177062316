namespace OrleansConnect.Grains;

/// <summary>
/// The Orleans settings silos and clients must agree on, as used when configuration (<c>Orleans:*</c>) says nothing.
/// </summary>
public static class ClusterDefaults
{
    /// <summary>The configuration section of these settings.</summary>
    public const string Section = "Orleans";

    /// <summary>Silo-to-silo port (<c>Orleans:SiloPort</c>).</summary>
    public const int SiloPort = 11111;

    /// <summary>The port clients reach the silos on (<c>Orleans:GatewayPort</c>).</summary>
    public const int GatewayPort = 30000;

    /// <summary>The cluster id (<c>Orleans:ClusterId</c>).</summary>
    public const string ClusterId = "orleansconnect";

    /// <summary>The service id (<c>Orleans:ServiceId</c>).</summary>
    public const string ServiceId = "orleansconnect";

    /// <summary>
    /// The connection string that switches silos and the API host from the embedded defaults to PostgreSQL
    /// (<c>ConnectionStrings:PostgreSQL</c>).
    /// </summary>
    public const string PostgreSqlConnectionName = "PostgreSQL";

    /// <summary>The ADO.NET provider invariant name of Npgsql, as Orleans' ADO.NET providers expect it.</summary>
    public const string NpgsqlInvariant = "Npgsql";
}
