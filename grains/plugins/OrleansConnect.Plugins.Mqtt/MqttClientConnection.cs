using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Errors;

namespace OrleansConnect.Plugins.Mqtt;

/// <summary>
/// Opens an MQTT client's connection to the first broker of <c>mqtt.server.uri</c> that answers. A broker that cannot
/// be reached is a <see cref="RetriableException"/> (the runtime retries after a backoff); a broker that refuses the
/// client (credentials, client id) is a <see cref="ConnectException"/> that names the keys to fix.
/// </summary>
internal static class MqttClientConnection
{
    public static async Task<MqttClientConnectResult> ConnectAsync(IMqttClient client, AbstractConfig config, string clientId, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (var server in MqttConnectionConfig.Servers(config))
        {
            MqttClientConnectResult result;
            try
            {
                result = await client.ConnectAsync(MqttConnectionConfig.ClientOptions(config, server, clientId), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when ((IsConnectionFailure(e) || e is InvalidOperationException) && !cancellationToken.IsCancellationRequested)
            {
                // InvalidOperationException: MQTTnet is still tearing down the connection that just broke.
                failures.Add($"{server}: {e.Message}");
                continue;
            }

            switch (result.ResultCode)
            {
                case MqttClientConnectResultCode.Success:
                    return result;
                case MqttClientConnectResultCode.BadUserNameOrPassword or MqttClientConnectResultCode.NotAuthorized:
                    throw new ConnectException(
                        $"The MQTT broker {server} refused client '{clientId}' ({result.ResultCode}): check {MqttConnectionConfig.UsernameConfig} and {MqttConnectionConfig.PasswordConfig}");
                case MqttClientConnectResultCode.ClientIdentifierNotValid:
                    throw new ConnectException($"The MQTT broker {server} refused the client id '{clientId}': check {MqttConnectionConfig.ClientIdConfig}");
                default:
                    failures.Add($"{server}: refused ({result.ResultCode} {result.ReasonString})");
                    break;
            }
        }

        throw new RetriableException($"No MQTT broker of {MqttConnectionConfig.ServerUriConfig} answered: {string.Join("; ", failures)}");
    }

    /// <summary>Whether an exception of a connect, publish, subscribe or acknowledgement means the connection is (or went) down.</summary>
    public static bool IsConnectionFailure(Exception e) =>
        e is MqttCommunicationException or MqttClientNotConnectedException or MqttConnectingFailedException or System.Net.Sockets.SocketException
            or IOException or OperationCanceledException or ObjectDisposedException;
}
