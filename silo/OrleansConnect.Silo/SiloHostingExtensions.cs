using System.Net;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Providers;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansConnect.Grains;
using OrleansConnect.Grains.Hosting;
using OrleansConnect.Grains.Storage;
using OrleansConnect.Silo.PostgreSql;

namespace OrleansConnect.Silo;

/// <summary>How the silo is composed from configuration.</summary>
internal static class SiloHostingExtensions
{
    /// <summary>
    /// A silo of the cluster configuration describes: ids, ports and advertised address from <c>Orleans:*</c>; with
    /// <c>ConnectionStrings:PostgreSQL</c>, membership and grain state on PostgreSQL (schema applied at start),
    /// otherwise localhost clustering and state in files under <see cref="SiloDefaults.StateDirectory"/> (or in memory
    /// with <c>OrleansConnect:StateStore=Memory</c>); Kubernetes hosting with <c>Orleans:Kubernetes=true</c>;
    /// then the dashboard and the runtime with the built-in plugins.
    /// </summary>
    public static ISiloBuilder AddConnectSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var orleans = configuration.GetSection(ClusterDefaults.Section);
        var siloPort = orleans.GetValue("SiloPort", ClusterDefaults.SiloPort);
        var gatewayPort = orleans.GetValue("GatewayPort", ClusterDefaults.GatewayPort);
        var clusterId = orleans.GetValue("ClusterId", ClusterDefaults.ClusterId)!;
        var serviceId = orleans.GetValue("ServiceId", ClusterDefaults.ServiceId)!;
        var postgres = configuration.GetConnectionString(ClusterDefaults.PostgreSqlConnectionName);
        if (string.IsNullOrWhiteSpace(postgres))
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: serviceId, clusterId: clusterId);

            // Orleans' stream pub-sub keeps its subscriptions in the second; registered so that a stream provider needs no change.
            string[] storages = [ConnectStorage.Name, ProviderConstants.DEFAULT_PUBSUB_PROVIDER_NAME];
            if (SiloDefaults.StateDirectory(configuration) is { } directory)
            {
                silo.AddFileGrainStorage(directory, storages);
            }
            else
            {
                foreach (var storage in storages)
                {
                    silo.AddMemoryGrainStorage(storage);
                }
            }
        }
        else
        {
            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId));
            var advertised = orleans.GetValue<string>("AdvertisedIPAddress");
            silo.ConfigureEndpoints(siloPort, gatewayPort, listenOnAnyHostAddress: true);
            if (!string.IsNullOrWhiteSpace(advertised))
            {
                silo.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = IPAddress.Parse(advertised));
            }

            silo.UsePostgreSql(postgres);
        }

        silo.Configure<ClusterMembershipOptions>(ConnectMembership.Tune);
        silo.Configure<ClusterMembershipOptions>(orleans.GetSection(ConnectMembership.Section));
        if (orleans.GetValue("Kubernetes", false))
        {
            // Takes the pod's name, IP and the cluster/service ids from the environment the Helm chart sets, and
            // deletes the pods of silos that membership declared dead.
            silo.UseKubernetesHosting();
            silo.Services.Configure<Orleans.Hosting.Kubernetes.KubernetesHostingOptions>(o => o.DeleteDefunctSiloPods = true);
        }

        if (SiloDefaults.DashboardEnabled(configuration))
        {
            silo.AddDashboard();
        }
        silo.AddOrleansConnect(
            configuration,
            typeof(OrleansConnect.Plugins.Converters.JsonConverter).Assembly,
            typeof(OrleansConnect.Plugins.File.FileStreamSourceConnector).Assembly,
            typeof(OrleansConnect.Plugins.Datagen.DatagenConnector).Assembly,
            typeof(OrleansConnect.Plugins.Transforms.Filter).Assembly,
            typeof(OrleansConnect.Plugins.Jdbc.Source.JdbcSourceConnector).Assembly,
            typeof(OrleansConnect.Plugins.Mirror.MirrorSourceConnector).Assembly,
            typeof(OrleansConnect.Plugins.Mqtt.Source.MqttSourceConnector).Assembly,
            typeof(OrleansConnect.Plugins.RabbitMQ.Source.RabbitMQSourceConnector).Assembly,
            typeof(OrleansConnect.Plugins.Http.Sink.HttpSinkConnector).Assembly,
            typeof(OrleansConnect.Plugins.ObjectStorage.S3.S3SinkConnector).Assembly);
        return silo;
    }

    /// <summary>
    /// Membership and grain state (the runtime's and stream pub-sub's) on PostgreSQL, with the schema applied first
    /// thing in the silo's lifecycle. Used by <see cref="AddConnectSilo"/> and by test clusters.
    /// </summary>
    public static ISiloBuilder UsePostgreSql(this ISiloBuilder silo, string connectionString)
    {
        silo.AddLifecycleParticipant(ServiceLifecycleStage.First, ct => PostgresSchema.ApplyAsync(connectionString, ct));
        silo.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (ClusterDefaults.NpgsqlInvariant, connectionString));
        foreach (var storage in new[] { ConnectStorage.Name, ProviderConstants.DEFAULT_PUBSUB_PROVIDER_NAME })
        {
            // State is written with Orleans' own serializer: the state records are [GenerateSerializer] with stable
            // [Id]s, which is what keeps stored state readable across versions (the provider's default, Newtonsoft
            // JSON, cannot read them back).
            silo.AddAdoNetGrainStorage(storage, options => options.Configure<Serializer>((o, serializer) =>
            {
                (o.Invariant, o.ConnectionString) = (ClusterDefaults.NpgsqlInvariant, connectionString);
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));

            // PostgreSQL can be down for a while: its failures are the cluster's, reported to callers as ours.
            silo.ClassifyStorageFailures(storage);
        }

        return silo;
    }

    private static void AddLifecycleParticipant(this ISiloBuilder silo, int stage, Func<CancellationToken, Task> onStart) =>
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(new StartStep(stage, onStart));

    private sealed class StartStep(int stage, Func<CancellationToken, Task> onStart) : ILifecycleParticipant<ISiloLifecycle>
    {
        public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(nameof(PostgresSchema), stage, onStart);
    }
}
