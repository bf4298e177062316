using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.Mqtt;

/// <summary>One broker of <c>mqtt.server.uri</c>: Paho's tcp:// and ssl:// schemes (and mqtt:// / mqtts://), with MQTT's default ports.</summary>
/// <param name="Host">The host name or address.</param>
/// <param name="Port">The TCP port.</param>
/// <param name="UseTls">Whether the connection is TLS (ssl://, mqtts://).</param>
public sealed record MqttServer(string Host, int Port, bool UseTls)
{
    /// <summary>Parses one URI; a bad one throws a <see cref="ConfigException"/> naming <paramref name="key"/>.</summary>
    public static MqttServer Parse(string key, string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Host.Length == 0)
        {
            throw new ConfigException(key, uri, "not a broker URI; expected tcp://host:port or ssl://host:port");
        }

        var tls = parsed.Scheme switch
        {
            "tcp" or "mqtt" => false,
            "ssl" or "mqtts" => true,
            _ => throw new ConfigException(key, uri, $"unsupported scheme '{parsed.Scheme}'; expected tcp, ssl, mqtt or mqtts"),
        };

        return new MqttServer(parsed.Host, parsed.IsDefaultPort || parsed.Port < 0 ? (tls ? 8883 : 1883) : parsed.Port, tls);
    }

    public override string ToString() => $"{(UseTls ? "ssl" : "tcp")}://{Host}:{Port}";
}
