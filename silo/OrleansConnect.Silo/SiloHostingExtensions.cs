using Orleans.Dashboard;
using Orleans.Providers;
using OrleansConnect.Grains;
using OrleansConnect.Grains.Hosting;

namespace OrleansConnect.Silo;

/// <summary>How the silo is composed from configuration.</summary>
internal static class SiloHostingExtensions
{
    /// <summary>
    /// One silo on its own: localhost clustering, in-memory grain state, the dashboard, and the runtime with the
    /// built-in plugins. TODO(#3): distributed mode (ADO.NET clustering and storage on PostgreSQL).
    /// </summary>
    public static ISiloBuilder AddStandaloneSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var orleans = configuration.GetSection(ClusterDefaults.Section);
        silo.UseLocalhostClustering(
            orleans.GetValue("SiloPort", ClusterDefaults.SiloPort),
            orleans.GetValue("GatewayPort", ClusterDefaults.GatewayPort),
            serviceId: orleans.GetValue("ServiceId", ClusterDefaults.ServiceId)!,
            clusterId: orleans.GetValue("ClusterId", ClusterDefaults.ClusterId)!);
        silo.AddMemoryGrainStorage(ConnectStorage.Name);

        // Orleans' stream pub-sub keeps its subscriptions in this storage; registered with the host so that a stream
        // provider (the status-event stream of docs/architecture.md) needs no change here.
        silo.AddMemoryGrainStorage(ProviderConstants.DEFAULT_PUBSUB_PROVIDER_NAME);
        silo.AddDashboard();
        silo.AddOrleansConnect(
            configuration,
            typeof(OrleansConnect.Plugins.Converters.JsonConverter).Assembly,
            typeof(OrleansConnect.Plugins.File.FileStreamSourceConnector).Assembly,
            typeof(OrleansConnect.Plugins.Datagen.DatagenConnector).Assembly);
        return silo;
    }
}
