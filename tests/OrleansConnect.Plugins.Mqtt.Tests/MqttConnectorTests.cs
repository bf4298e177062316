using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Mqtt.Sink;
using OrleansConnect.Plugins.Mqtt.Source;

namespace OrleansConnect.Plugins.Mqtt.Tests;

/// <summary>The connectors' configuration, checked without a broker.</summary>
public sealed class MqttConnectorTests
{
    private static Dictionary<string, string> SourceConfig(params (string Key, string Value)[] changes)
    {
        var config = new Dictionary<string, string>
        {
            ["name"] = "plant-telemetry",
            ["mqtt.server.uri"] = "tcp://broker.example:1883",
            ["mqtt.topics"] = "plant/+/temperature,plant/alarms/#",
            ["kafka.topic"] = "telemetry",
        };
        foreach (var (key, value) in changes)
        {
            config[key] = value;
        }

        return config;
    }

    public static TheoryData<string, string> BadValues => new()
    {
        { "mqtt.topics", "plant/line+/temperature" },
        { "mqtt.topics", "plant/#/temperature" },
        { "mqtt.qos", "3" },
        { "mqtt.server.uri", "http://broker.example:1883" },
        { "mqtt.server.uri", "broker.example" },
        { "mqtt.keepalive.interval.seconds", "0" },
        { "mqtt.clean.session.enabled", "sometimes" },
        { "mqtt.ssl.trust.store.path", "/etc/truststore.jks" },
        { "kafka.topic", "" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Validate_BadValue_TheErrorIsOnThatKey(string key, string value)
    {
        var results = new MqttSourceConnector().Validate(SourceConfig((key, value)));

        Assert.NotEmpty(results.Single(r => r.Name == key).ErrorMessages);
        Assert.All(results.Where(r => r.Name != key), r => Assert.Empty(r.ErrorMessages));
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task MqttSourceTask_StartAsyncWithBadValue_ConfigExceptionNamesTheKey(string key, string value)
    {
        var config = SourceConfig((key, value));
        var task = new MqttSourceTask();
        task.Initialize(new TestSourceTaskContext(config));

        var error = await Assert.ThrowsAsync<ConfigException>(() => task.StartAsync(config, CancellationToken.None));

        Assert.Equal(key, error.Name);
    }

    [Fact]
    public void Validate_MissingTopics_TheErrorIsOnMqttTopics()
    {
        var config = SourceConfig();
        config.Remove("mqtt.topics");

        var results = new MqttSourceConnector().Validate(config);

        Assert.NotEmpty(results.Single(r => r.Name == "mqtt.topics").ErrorMessages);
    }

    [Fact]
    public async Task MqttSinkTask_StartAsyncWithBadQos_ConfigExceptionNamesTheKey()
    {
        var config = new Dictionary<string, string> { ["mqtt.server.uri"] = "tcp://broker.example", ["mqtt.qos"] = "-1", ["topics"] = "commands" };
        var task = new MqttSinkTask();
        task.Initialize(new TestSinkTaskContext(config));

        var error = await Assert.ThrowsAsync<ConfigException>(() => task.StartAsync(config, CancellationToken.None));

        Assert.Equal("mqtt.qos", error.Name);
    }

    [Fact]
    public async Task MqttSourceConnector_TaskConfigs_SpreadsTheTopicsWithAStableClientIdPerTask()
    {
        var connector = new MqttSourceConnector();
        await connector.StartAsync(SourceConfig(("mqtt.topics", "a/#,b/+,c,d")), CancellationToken.None);

        var three = connector.TaskConfigs(3);
        var ten = connector.TaskConfigs(10);

        Assert.Equal(["a/#,d", "b/+", "c"], three.Select(t => t["mqtt.topics"]));
        Assert.Equal(["plant-telemetry-0", "plant-telemetry-1", "plant-telemetry-2"], three.Select(t => t["mqtt.client.id"]));
        Assert.Equal(4, ten.Count);
        Assert.Equal(three.Select(t => t["mqtt.client.id"]), connector.TaskConfigs(3).Select(t => t["mqtt.client.id"]));
    }

    [Fact]
    public async Task MqttSinkConnector_TaskConfigs_OneClientIdPerTask()
    {
        var connector = new MqttSinkConnector();
        await connector.StartAsync(new Dictionary<string, string> { ["name"] = "commands", ["mqtt.server.uri"] = "tcp://broker.example", ["mqtt.client.id"] = "bridge" }, CancellationToken.None);

        Assert.Equal(["bridge"], connector.TaskConfigs(1).Select(t => t["mqtt.client.id"]));
        Assert.Equal(["bridge-0", "bridge-1"], connector.TaskConfigs(2).Select(t => t["mqtt.client.id"]));
    }
}
