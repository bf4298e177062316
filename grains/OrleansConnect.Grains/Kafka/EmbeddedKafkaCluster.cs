using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using OrleansConnect.Grains.Hosting;

namespace OrleansConnect.Grains.Kafka;

/// <summary>
/// An in-process Kafka cluster: librdkafka's mock cluster, reached by P/Invoke into the very native library
/// Confluent.Kafka loaded (on Debian that is <c>centos8-librdkafka.so</c>, because the default build needs a
/// libsasl2 the distribution lacks). It speaks the Kafka protocol on 127.0.0.1, so any client can connect, and keeps
/// everything in memory. Dev and test only.
/// </summary>
/// <remarks>
/// Known limits of the mock (librdkafka 2.16): no controller, so admin CreateTopics/DescribeCluster/DescribeConfigs
/// time out (topics are created here through the mock API instead); ListConsumerGroups crashes the process — never
/// call it against this cluster; a topic unknown to a producer's metadata request is auto-created with four
/// partitions (a consumer's request does not ask for that, as on a real broker). Each partition keeps at most
/// <see cref="KafkaOptions.EmbeddedRetentionBytesPerPartition"/> of record batches or
/// <see cref="KafkaOptions.EmbeddedRetentionBatchesPerPartition"/> batches
/// and deletes the oldest beyond that (hard-coded in <c>rd_kafka_mock_partition_init</c>).
/// </remarks>
internal sealed partial class EmbeddedKafkaCluster : IDisposable
{
    private const string Library = "rdkafka-loaded-by-confluent";
    private const int ProducerType = 0;
    private static readonly ConcurrentDictionary<string, EmbeddedKafkaCluster> Running = new(StringComparer.Ordinal);
    private static readonly Lazy<IntPtr> LibraryHandle = new(LoadLibrary);

    private readonly IntPtr _handle;
    private readonly IntPtr _cluster;
    private readonly Lazy<string?> _clusterId;
    private int _disposed;

    static EmbeddedKafkaCluster() =>
        NativeLibrary.SetDllImportResolver(typeof(EmbeddedKafkaCluster).Assembly, (name, _, _) =>
            name == Library ? LibraryHandle.Value : IntPtr.Zero);

    private EmbeddedKafkaCluster(IntPtr handle, IntPtr cluster, int brokers)
    {
        _handle = handle;
        _cluster = cluster;
        Brokers = brokers;
        BootstrapServers = Marshal.PtrToStringUTF8(rd_kafka_mock_cluster_bootstraps(cluster))
            ?? throw new InvalidOperationException("The mock cluster reported no bootstrap servers.");
        _clusterId = new Lazy<string?>(ReadClusterId);
    }

    /// <summary>The <c>host:port</c> list clients connect to.</summary>
    public string BootstrapServers { get; }

    /// <summary>The number of brokers (ids 1..n).</summary>
    public int Brokers { get; }

    /// <summary>The cluster id the brokers report, or null when it could not be read.</summary>
    public string? ClusterId => _clusterId.Value;

    /// <summary>Starts a mock cluster with the given number of brokers.</summary>
    public static EmbeddedKafkaCluster Start(int brokers = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);
        var errors = new byte[512];
        var conf = rd_kafka_conf_new();

        // The mock cluster needs a client handle to live in; this one never connects anywhere, so its notice about
        // having no bootstrap servers is noise.
        _ = rd_kafka_conf_set(conf, "log_level", "3", errors, (nuint)errors.Length);
        var handle = rd_kafka_new(ProducerType, conf, errors, (nuint)errors.Length);
        if (handle == IntPtr.Zero)
        {
            throw new InvalidOperationException($"Could not create the librdkafka handle for the embedded Kafka: {Text(errors)}");
        }

        var cluster = rd_kafka_mock_cluster_new(handle, brokers);
        if (cluster == IntPtr.Zero)
        {
            rd_kafka_destroy(handle);
            throw new InvalidOperationException("librdkafka could not start its mock cluster.");
        }

        var started = new EmbeddedKafkaCluster(handle, cluster, brokers);
        Running[started.BootstrapServers] = started;
        return started;
    }

    /// <summary>The embedded cluster of this process listening at <paramref name="bootstrapServers"/>, if any.</summary>
    public static EmbeddedKafkaCluster? Find(string bootstrapServers) =>
        Running.TryGetValue(bootstrapServers.Trim(), out var cluster) ? cluster : null;

    /// <summary>Creates a topic; an existing topic is left as it is.</summary>
    public void CreateTopic(string topic, int partitions, int replicationFactor = 1)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var error = rd_kafka_mock_topic_create(_cluster, topic, partitions, Math.Min(replicationFactor, Brokers));
        if (error != 0 && error != TopicAlreadyExists)
        {
            throw new InvalidOperationException($"The embedded Kafka could not create topic '{topic}': {ErrorText(error)}");
        }
    }

    /// <summary>Takes a broker down (fault tests); its connections drop until <see cref="SetBrokerUp"/>.</summary>
    public void SetBrokerDown(int brokerId) => Check(rd_kafka_mock_broker_set_down(_cluster, brokerId), "set broker down");

    /// <summary>Brings a broker back up.</summary>
    public void SetBrokerUp(int brokerId) => Check(rd_kafka_mock_broker_set_up(_cluster, brokerId), "set broker up");

    /// <summary>
    /// Stops the cluster. The mock asserts if it is destroyed while clients of this process are still connected, so the
    /// owner disposes it last, after every producer and consumer.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Running.TryRemove(BootstrapServers, out _);
        rd_kafka_mock_cluster_destroy(_cluster);
        rd_kafka_destroy(_handle);
    }

    private const int TopicAlreadyExists = 36;

    private static void Check(int error, string what)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"The embedded Kafka could not {what}: {ErrorText(error)}");
        }
    }

    private static string ErrorText(int error) => Marshal.PtrToStringUTF8(rd_kafka_err2str(error)) ?? error.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Text(byte[] buffer)
    {
        var end = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, end < 0 ? buffer.Length : end);
    }

    /// <summary>Asks a short-lived client for the id the brokers report (the mock has no getter for it).</summary>
    private string? ReadClusterId()
    {
        var errors = new byte[512];
        var conf = rd_kafka_conf_new();
        if (rd_kafka_conf_set(conf, "bootstrap.servers", BootstrapServers, errors, (nuint)errors.Length) != 0)
        {
            rd_kafka_conf_destroy(conf);
            return null;
        }

        var client = rd_kafka_new(ProducerType, conf, errors, (nuint)errors.Length);
        if (client == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            var id = rd_kafka_clusterid(client, 5000);
            if (id == IntPtr.Zero)
            {
                return null;
            }

            var text = Marshal.PtrToStringUTF8(id);
            rd_kafka_mem_free(client, id);
            return text;
        }
        finally
        {
            rd_kafka_destroy(client);
        }
    }

    /// <summary>
    /// Finds the librdkafka file Confluent.Kafka loaded (it picks among several builds at run time) so the mock API
    /// calls land in the same library instance as the clients.
    /// </summary>
    private static IntPtr LoadLibrary()
    {
        // Touching the version makes Confluent.Kafka load its native library if it has not yet.
        _ = Confluent.Kafka.Library.Version;
        using var process = Process.GetCurrentProcess();
        var loaded = process.Modules.Cast<ProcessModule>()
            .Select(m => m.FileName)
            .FirstOrDefault(f => Path.GetFileName(f).Contains("rdkafka", StringComparison.OrdinalIgnoreCase));
        return loaded is not null
            ? NativeLibrary.Load(loaded)
            : throw new DllNotFoundException("Confluent.Kafka's native librdkafka is not loaded in this process; the embedded Kafka needs it.");
    }

    [LibraryImport(Library)]
    private static partial IntPtr rd_kafka_conf_new();

    [LibraryImport(Library)]
    private static partial void rd_kafka_conf_destroy(IntPtr conf);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int rd_kafka_conf_set(IntPtr conf, string name, string value, byte[] errstr, nuint errstrSize);

    [LibraryImport(Library)]
    private static partial IntPtr rd_kafka_new(int type, IntPtr conf, byte[] errstr, nuint errstrSize);

    [LibraryImport(Library)]
    private static partial void rd_kafka_destroy(IntPtr handle);

    [LibraryImport(Library)]
    private static partial IntPtr rd_kafka_clusterid(IntPtr handle, int timeoutMs);

    [LibraryImport(Library)]
    private static partial void rd_kafka_mem_free(IntPtr handle, IntPtr pointer);

    [LibraryImport(Library)]
    private static partial IntPtr rd_kafka_err2str(int error);

    [LibraryImport(Library)]
    private static partial IntPtr rd_kafka_mock_cluster_new(IntPtr handle, int brokers);

    [LibraryImport(Library)]
    private static partial void rd_kafka_mock_cluster_destroy(IntPtr cluster);

    [LibraryImport(Library)]
    private static partial IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr cluster);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int rd_kafka_mock_topic_create(IntPtr cluster, string topic, int partitions, int replicationFactor);

    [LibraryImport(Library)]
    private static partial int rd_kafka_mock_broker_set_down(IntPtr cluster, int brokerId);

    [LibraryImport(Library)]
    private static partial int rd_kafka_mock_broker_set_up(IntPtr cluster, int brokerId);
}
