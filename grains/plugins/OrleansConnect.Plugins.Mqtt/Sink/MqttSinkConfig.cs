using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.Mqtt.Sink;

/// <summary>The keys of <see cref="MqttSinkConnector"/>, named and defaulted as Confluent's MQTT sink.</summary>
public sealed class MqttSinkConfig : AbstractConfig
{
    public const string RetainedEnabledConfig = "mqtt.retained.enabled";

    public static ConfigDef Keys { get; } = new ConfigDef()
        .DefineConnection()
        .DefineQos("The MQTT QoS to publish with: 0, 1 or 2. With 1 or 2 a batch is done only once the broker acknowledged every message of it.")
        .Define(RetainedEnabledConfig, ConfigType.Boolean, false, null, Importance.Low,
            "Whether the broker keeps the last message of each topic for future subscribers (MQTT's retain flag).", "Sink", 1, Width.Short, "Retained");

    public MqttSinkConfig(IReadOnlyDictionary<string, string> props)
        : base(Keys, props)
    {
    }

    public int Qos => GetInt(MqttConnectionConfig.QosConfig);

    public bool Retained => GetBoolean(RetainedEnabledConfig);
}
