using OrleansConnect.Grains.Hosting;

namespace OrleansConnect.Grains.Tests.Hosting;

public sealed class WorkerPropertiesTests
{
    [Fact]
    public void Load_ExampleDistributedFile_MapsKafkasKeysOntoTheSettings()
    {
        var worker = WorkerProperties.Load(Path.Combine(RepositoryRoot.Path, "examples", "connect-distributed.properties"), WorkerMode.Distributed);

        Assert.Equal("localhost:9092", worker.Settings["Kafka:BootstrapServers"]);
        Assert.Equal("connect-cluster", worker.Settings["Orleans:ClusterId"]);
        Assert.Equal("connect-cluster", worker.Settings["Orleans:ServiceId"]);
        Assert.Equal("org.apache.kafka.connect.json.JsonConverter", worker.Settings["OrleansConnect:KeyConverter"]);
        Assert.Equal("org.apache.kafka.connect.json.JsonConverter", worker.Settings["OrleansConnect:ValueConverter"]);
        Assert.Equal("true", worker.Settings["OrleansConnect:KeyConverterSettings:schemas.enable"]);
        Assert.Equal("true", worker.Settings["OrleansConnect:ValueConverterSettings:schemas.enable"]);
        Assert.Equal("10000", worker.Settings["OrleansConnect:OffsetFlushIntervalMs"]);
        Assert.Equal("5000", worker.Settings["OrleansConnect:OffsetFlushTimeoutMs"]);
        Assert.Equal(string.Empty, worker.Settings["OrleansConnect:PluginPath"]);
        Assert.Equal("http://localhost:8083", worker.Settings["urls"]);
        Assert.Empty(worker.Warnings);
    }

    [Fact]
    public void Load_ExampleStandaloneFile_AcceptsTheOffsetsFile()
    {
        var worker = WorkerProperties.Load(Path.Combine(RepositoryRoot.Path, "examples", "connect-standalone.properties"), WorkerMode.Standalone);

        Assert.Equal("localhost:9092", worker.Settings["Kafka:BootstrapServers"]);
        Assert.False(worker.Settings.ContainsKey("Orleans:ClusterId"));
        Assert.Empty(worker.Warnings);
    }

    [Fact]
    public void From_UnknownKey_ThrowsNamingFileLineAndKey()
    {
        var error = Assert.Throws<WorkerFileException>(() => Map("bootstrap.servers=b:9092\n# c\nbootstrap.server=b:9092"));

        Assert.Equal(3, error.Line);
        Assert.StartsWith("w.properties:3: unknown worker key 'bootstrap.server'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("offset.flush.interval.ms=soon", "offset.flush.interval.ms: 'soon' is not a number of milliseconds")]
    [InlineData("offset.flush.timeout.ms=-1", "offset.flush.timeout.ms: '-1' is not a number of milliseconds")]
    [InlineData("rest.port=80a", "rest.port: '80a' is not a port number")]
    [InlineData("listeners=tcp://host:1", "listeners: 'tcp://host:1' is not HTTP://host:port or HTTPS://host:port")]
    [InlineData("topic.creation.enable=yes", "topic.creation.enable: 'yes' is not true or false")]
    [InlineData("exactly.once.source.support=enabled", "exactly.once.source.support: 'enabled': exactly-once source delivery is not implemented")]
    [InlineData("connector.client.config.override.policy=None", "connector.client.config.override.policy: 'None': only All is implemented")]
    [InlineData("rest.extension.classes=com.example.Ext", "rest.extension.classes: a REST extension is a Java class")]
    [InlineData("listeners.https.ssl.keystore.location=/k.jks", "listeners.https.ssl.keystore.location: a Java key store")]
    [InlineData("key.converter=", "key.converter: must not be empty")]
    public void From_ValueItCannotHonour_ThrowsNamingTheLine(string line, string message)
    {
        var error = Assert.Throws<WorkerFileException>(() => Map($"bootstrap.servers=b:9092\n{line}"));

        Assert.StartsWith($"w.properties:2: {message}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_KeyGivenTwice_TakesTheLastAsJavaDoes()
    {
        var worker = Map("offset.flush.interval.ms=1\noffset.flush.interval.ms=2");

        Assert.Equal("2", worker.Settings["OrleansConnect:OffsetFlushIntervalMs"]);
    }

    [Fact]
    public void From_Listeners_BecomeUrlsWithAnEmptyHostOnEveryInterface()
    {
        var worker = Map("listeners=HTTP://:8083, https://[::1]:8443\nrest.port=9999");

        Assert.Equal("http://*:8083;https://[::1]:8443", worker.Settings["urls"]);
        Assert.Contains(worker.Warnings, w => w.StartsWith("w.properties:2: 'rest.port' is ignored", StringComparison.Ordinal));
    }

    [Fact]
    public void From_RestPortOnly_ListensOnLocalhost()
    {
        Assert.Equal("http://localhost:9000", Map("rest.port=9000").Settings["urls"]);
    }

    [Fact]
    public void From_ClientPrefixes_GoToEachRolesLibrdkafkaSettings()
    {
        var worker = Map("producer.linger.ms=50\nconsumer.max.partition.fetch.bytes=1024\nadmin.request.timeout.ms=9000\nproducer.buffer.memory=1");

        Assert.Equal("50", worker.Settings["Kafka:Producer:linger.ms"]);
        Assert.Equal("1024", worker.Settings["Kafka:Consumer:max.partition.fetch.bytes"]);
        Assert.Equal("9000", worker.Settings["Kafka:Admin:request.timeout.ms"]);
        Assert.False(worker.Settings.ContainsKey("Kafka:Producer:buffer.memory"));
    }

    [Fact]
    public void From_SecurityKeys_GoToEveryClient()
    {
        var worker = Map("""
            security.protocol=SASL_SSL
            sasl.mechanism=PLAIN
            sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="connect" password="s3\\\"cret";
            ssl.truststore.type=PEM
            ssl.truststore.location=/etc/ca.pem
            """);

        Assert.Equal("SASL_SSL", worker.Settings["Kafka:Client:security.protocol"]);
        Assert.Equal("PLAIN", worker.Settings["Kafka:Client:sasl.mechanism"]);
        Assert.Equal("connect", worker.Settings["Kafka:Client:sasl.username"]);
        Assert.Equal("s3\"cret", worker.Settings["Kafka:Client:sasl.password"]);
        Assert.Equal("/etc/ca.pem", worker.Settings["Kafka:Client:ssl.ca.location"]);
        Assert.False(worker.Settings.ContainsKey("Kafka:Client:sasl.jaas.config"));
    }

    [Fact]
    public void From_JksTrustStore_ThrowsSayingWhatToDoInstead()
    {
        var error = Assert.Throws<WorkerFileException>(() => Map("security.protocol=SSL\nssl.truststore.location=/etc/t.jks"));

        Assert.StartsWith("w.properties:2: ssl.truststore.location: a JKS truststore", error.Message, StringComparison.Ordinal);
        Assert.Contains("ssl.truststore.type=PEM", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_ProducerJksKeyStore_ThrowsNamingThePrefixedKey()
    {
        var error = Assert.Throws<WorkerFileException>(() => Map("producer.ssl.keystore.location=/k.jks"));

        Assert.StartsWith("w.properties:1: producer.ssl.keystore.location: a JKS keystore", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_ConverterSettings_KeepTheirDottedNames()
    {
        var worker = Map("header.converter=org.apache.kafka.connect.storage.StringConverter\nheader.converter.encoding=UTF-16");

        Assert.Equal("org.apache.kafka.connect.storage.StringConverter", worker.Settings["OrleansConnect:HeaderConverter"]);
        Assert.Equal("UTF-16", worker.Settings["OrleansConnect:HeaderConverterSettings:encoding"]);
    }

    [Fact]
    public void From_PostgreSqlKey_IsTheConnectionStringInDistributedMode()
    {
        var worker = Map($"{WorkerProperties.PostgreSqlKey}=Host=db;Database=connect");

        Assert.Equal("Host=db;Database=connect", worker.Settings["ConnectionStrings:PostgreSQL"]);
    }

    [Fact]
    public void From_PostgreSqlKeyInStandalone_Throws()
    {
        var error = Assert.Throws<WorkerFileException>(() => Map($"{WorkerProperties.PostgreSqlKey}=Host=db", WorkerMode.Standalone));

        Assert.Contains("connect-standalone keeps no shared state", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_KeyOfTheOtherMode_WarnsAsKafkaDoes()
    {
        var distributed = Map("offset.storage.file.filename=/tmp/o");
        var standalone = Map("group.id=g", WorkerMode.Standalone);

        Assert.Equal(["w.properties:1: 'offset.storage.file.filename' is a connect-standalone key and is ignored by connect-distributed (Kafka warns the same way)"], distributed.Warnings);
        Assert.Single(standalone.Warnings);
        Assert.False(standalone.Settings.ContainsKey("Orleans:ClusterId"));
    }

    [Fact]
    public void From_OffsetStorageFileInStandalone_PointsTheStateDirectory()
    {
        var standalone = Map("offset.storage.file.filename=/var/lib/connect/state", WorkerMode.Standalone);

        Assert.Empty(standalone.Warnings);
        Assert.Equal("/var/lib/connect/state", standalone.Settings["OrleansConnect:StateDirectory"]);
    }

    [Fact]
    public void From_RemovedInternalConverter_Warns()
    {
        var worker = Map("internal.key.converter=org.apache.kafka.connect.json.JsonConverter\ninternal.key.converter.schemas.enable=false");

        Assert.Equal(2, worker.Warnings.Count);
        Assert.Empty(worker.Settings);
    }

    [Fact]
    public void From_ProviderReferenceWithProviders_ThrowsNamingTheLine()
    {
        var error = Assert.Throws<WorkerFileException>(() => Map("config.providers=file\nconfig.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider\nsasl.jaas.config=${file:/s.properties:jaas}"));

        Assert.StartsWith("w.properties:3: 'sasl.jaas.config' uses a config provider reference", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_AcceptedKeys_SetNothing()
    {
        var worker = Map("""
            config.storage.topic=c
            offset.storage.topic=o
            status.storage.topic=s
            offset.storage.partitions=25
            status.storage.cleanup.policy=compact
            session.timeout.ms=10000
            heartbeat.interval.ms=3000
            scheduled.rebalance.max.delay.ms=300000
            rest.advertised.host.name=h
            rest.advertised.port=1
            rest.advertised.listener=http
            inter.worker.key.ttl.ms=1
            metrics.context.env=prod
            exactly.once.source.support=disabled
            connector.client.config.override.policy=All
            topic.creation.enable=true
            """);

        Assert.Empty(worker.Settings);
        Assert.Empty(worker.Warnings);
    }

    [Fact]
    public void Keys_EveryKey_IsInTheConfigurationDocs()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "configuration.md"));

        var missing = WorkerProperties.Keys.Select(k => k.IsPrefix ? k.Key + "*" : k.Key).Where(k => !docs.Contains($"`{k}`", StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, $"docs/configuration.md does not list: {string.Join(", ", missing)}");
    }

    private static WorkerProperties Map(string text, WorkerMode mode = WorkerMode.Distributed) =>
        WorkerProperties.From(JavaProperties.Parse(text, "w.properties"), "w.properties", mode);
}
