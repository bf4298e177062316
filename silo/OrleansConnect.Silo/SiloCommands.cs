using System.Globalization;
using System.Runtime.InteropServices;
using OrleansConnect.Grains;
using OrleansConnect.Grains.Hosting;
using OrleansConnect.Silo.PostgreSql;

namespace OrleansConnect.Silo;

/// <summary>
/// Commands the silo binary runs instead of the silo: <c>embedded-kafka [brokers]</c>, <c>import-kafka-connect
/// worker.properties</c> (asks a running cluster to import a Kafka Connect cluster's state: <see cref="ImportCommand"/>),
/// and <c>postgres-schema</c>
/// (applies the schema to the database of <c>ConnectionStrings:PostgreSQL</c>, from the usual configuration sources).
/// </summary>
internal static class SiloCommands
{
    public const string PostgresSchemaCommand = "postgres-schema";

    /// <summary>Runs the command named by the first argument, or returns null when there is none.</summary>
    public static async Task<int?> TryRunAsync(string[] args)
    {
        switch (args)
        {
            case [EmbeddedKafkaCommand.Name, .. var rest]:
                using (var stop = new CancellationTokenSource())
                using (PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Stop(c, stop)))
                using (PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Stop(c, stop)))
                {
                    var brokers = rest is [var count, ..] && int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1;
                    return await EmbeddedKafkaCommand.RunAsync(brokers, Console.Out, stop.Token);
                }

            case [ImportCommand.Name, .. var rest]:
                return await ImportCommand.RunAsync(rest, Console.Out, Console.Error);

            case [PostgresSchemaCommand, .. var rest]:
                var configuration = new ConfigurationBuilder()
                    .SetBasePath(AppContext.BaseDirectory)
                    .AddJsonFile("appsettings.json", optional: true)
                    .AddEnvironmentVariables()
                    .AddCommandLine(rest)
                    .Build();
                var connectionString = configuration.GetConnectionString(ClusterDefaults.PostgreSqlConnectionName);
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    await Console.Error.WriteLineAsync(
                        "postgres-schema needs ConnectionStrings:PostgreSQL (environment ConnectionStrings__PostgreSQL, or --ConnectionStrings:PostgreSQL=...)");
                    return 2;
                }

                await PostgresSchema.ApplyAsync(connectionString, CancellationToken.None);
                await Console.Out.WriteLineAsync("PostgreSQL schema applied");
                return 0;

            default:
                return null;
        }

        static void Stop(PosixSignalContext context, CancellationTokenSource stop)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
