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

    /// <summary>
    /// Where a silo without PostgreSQL keeps its connectors, task configs, statuses and source offsets
    /// (<c>OrleansConnect:StateDirectory</c>).
    /// </summary>
    public const string StateDirectorySetting = "OrleansConnect:StateDirectory";

    /// <summary>
    /// <c>OrleansConnect:StateStore</c>: <c>File</c> (the default without PostgreSQL) keeps state in
    /// <see cref="StateDirectorySetting"/>; <c>Memory</c> forgets it at exit, as before (tests, throwaway silos).
    /// </summary>
    public const string StateStoreSetting = "OrleansConnect:StateStore";

    /// <summary>
    /// The standalone state directory: <see cref="StateDirectorySetting"/>, or <c>OrleansConnect/state</c> under the
    /// user's local data directory (<c>~/.local/share</c> on Linux), or under the temporary directory when the user
    /// has none; null when <see cref="StateStoreSetting"/> is <c>Memory</c>.
    /// </summary>
    public static string? StateDirectory(IConfiguration configuration)
    {
        var store = configuration[StateStoreSetting];
        if (string.Equals(store, "Memory", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!string.IsNullOrEmpty(store) && !string.Equals(store, "File", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{StateStoreSetting}={store} is not a state store; use File or Memory");
        }

        if (configuration[StateDirectorySetting] is { Length: > 0 } directory)
        {
            return directory;
        }

        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return Path.Combine(data.Length > 0 ? data : Path.GetTempPath(), "OrleansConnect", "state");
    }
}
