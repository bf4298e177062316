using System.Text.RegularExpressions;

namespace OrleansConnect.Grains.Hosting;

/// <summary>
/// Turns the Java client settings of a worker file (<c>security.protocol</c>, <c>ssl.*</c>, <c>sasl.*</c>, and the
/// keys under <c>producer.</c>, <c>consumer.</c>, <c>admin.</c>) into librdkafka's. Most names are the same; the
/// Java-only ones are translated (<c>sasl.jaas.config</c>, PEM and PKCS#12 stores), left out when they only tune the
/// JVM, or refused with what to write instead when librdkafka cannot do what they ask (a JKS store, a Java class).
/// </summary>
internal static partial class KafkaClientKeys
{
    /// <summary>Java-only keys that tune the JVM's TLS or client internals, with no librdkafka counterpart to set.</summary>
    private static readonly Dictionary<string, string> JvmOnly = new(StringComparer.Ordinal)
    {
        ["ssl.protocol"] = "librdkafka negotiates TLS 1.2/1.3 itself",
        ["ssl.enabled.protocols"] = "librdkafka negotiates TLS 1.2/1.3 itself",
        ["ssl.provider"] = "a JVM security provider",
        ["ssl.keymanager.algorithm"] = "a JVM key manager",
        ["ssl.trustmanager.algorithm"] = "a JVM trust manager",
        ["ssl.secure.random.implementation"] = "a JVM random source",
        ["ssl.truststore.password"] = "only opens a JKS/PKCS#12 trust store, which librdkafka does not read (PEM needs none)",
        ["ssl.keystore.type"] = "read with ssl.keystore.location",
        ["ssl.truststore.type"] = "read with ssl.truststore.location",
        ["ssl.client.auth"] = "a server-side setting (Kafka's REST server); the REST API's TLS is Kestrel's",
        ["sasl.kerberos.ticket.renew.window.factor"] = "the JVM's Kerberos ticket renewal; librdkafka renews with kinit",
        ["sasl.kerberos.ticket.renew.jitter"] = "the JVM's Kerberos ticket renewal; librdkafka renews with kinit",
        ["sasl.oauthbearer.scope.claim.name"] = "a broker-side token check",
        ["sasl.oauthbearer.sub.claim.name"] = "a broker-side token check",
        ["sasl.oauthbearer.expected.audience"] = "a broker-side token check",
        ["sasl.oauthbearer.expected.issuer"] = "a broker-side token check",
        ["sasl.oauthbearer.clock.skew.seconds"] = "a broker-side token check",
        ["sasl.oauthbearer.jwks.endpoint.url"] = "a broker-side token check",
        ["sasl.oauthbearer.jwks.endpoint.refresh.ms"] = "a broker-side token check",
        ["sasl.oauthbearer.jwks.endpoint.retry.backoff.ms"] = "a broker-side token check",
        ["sasl.oauthbearer.jwks.endpoint.retry.backoff.max.ms"] = "a broker-side token check",
        ["key.serializer"] = "the worker always writes bytes made by its converters",
        ["value.serializer"] = "the worker always writes bytes made by its converters",
        ["key.deserializer"] = "the worker always reads bytes for its converters",
        ["value.deserializer"] = "the worker always reads bytes for its converters",
        ["buffer.memory"] = "librdkafka's is queue.buffering.max.kbytes",
        ["max.poll.records"] = "librdkafka has no poll batch limit; a sink task's batch size is the runtime's",
        ["metric.reporters"] = "JMX/Java metric reporters",
        ["metrics.num.samples"] = "Java client metrics",
        ["metrics.sample.window.ms"] = "Java client metrics",
        ["metrics.recording.level"] = "Java client metrics",
        ["auto.include.jmx.reporter"] = "Java client metrics",
    };

    /// <summary>
    /// The librdkafka settings for one Java client key of <paramref name="settings"/> (all the keys of the same
    /// client, for the pairs that belong together, such as a store's type and location). Empty when the key needs
    /// none; throws <see cref="ArgumentException"/> with what to write instead when it cannot be honoured.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> Translate(string key, string value, IReadOnlyDictionary<string, string> settings)
    {
        if (JvmOnly.ContainsKey(key) || key.StartsWith("sasl.login.", StringComparison.Ordinal) && key is not "sasl.login.callback.handler.class")
        {
            return [];
        }

        switch (key)
        {
            case "ssl.endpoint.identification.algorithm":
                return [new(key, value.Trim().Length == 0 ? "none" : value.Trim())];
            case "ssl.cipher.suites":
                throw new ArgumentException(
                    "Java cipher suite names are not OpenSSL's (librdkafka's); leave it out or give OpenSSL names in Kafka:Client:ssl.cipher.suites");
            case "ssl.engine.factory.class" or "sasl.client.callback.handler.class":
                throw new ArgumentException("a Java class, which this worker cannot load");
            case "sasl.login.callback.handler.class":
                return value.Contains("OAuthBearerLoginCallbackHandler", StringComparison.Ordinal)
                    ? [new("sasl.oauthbearer.method", "oidc")]
                    : throw new ArgumentException("a Java class, which this worker cannot load (OAuthBearerLoginCallbackHandler is the one understood: librdkafka's OIDC)");
            case "sasl.oauthbearer.token.endpoint.url":
                return [new(key, value), new("sasl.oauthbearer.method", "oidc")];
            case "sasl.jaas.config":
                return Jaas(value);
            case "ssl.keystore.location":
                return Store(settings, "ssl.keystore.type", "key store") switch
                {
                    "PKCS12" => [new("ssl.keystore.location", value)],
                    "PEM" => [new("ssl.certificate.location", value), new("ssl.key.location", value)],
                    var type => throw JavaStore("ssl.keystore", type, "set ssl.keystore.type=PKCS12 after `keytool -importkeystore -deststoretype PKCS12`, or use PEM"),
                };
            case "ssl.keystore.password":
                return Store(settings, "ssl.keystore.type", "key store") == "PKCS12" ? [new(key, value)] : [];
            case "ssl.keystore.key":
                return [new("ssl.key.pem", value)];
            case "ssl.keystore.certificate.chain":
                return [new("ssl.certificate.pem", value)];
            case "ssl.truststore.location":
                return Store(settings, "ssl.truststore.type", "trust store") == "PEM"
                    ? [new("ssl.ca.location", value)]
                    : throw JavaStore("ssl.truststore", Store(settings, "ssl.truststore.type", "trust store"), "export the CA certificates to PEM and set ssl.truststore.type=PEM");
            case "ssl.truststore.certificates":
                return [new("ssl.ca.pem", value)];
            default:
                return [new(key, value)];
        }
    }

    /// <summary>Whether <paramref name="key"/> is one of the keys the JVM needs and librdkafka has no use for.</summary>
    public static bool IsJvmOnly(string key) => JvmOnly.ContainsKey(key);

    private static string Store(IReadOnlyDictionary<string, string> settings, string typeKey, string what) =>
        (settings.TryGetValue(typeKey, out var type) && type.Trim().Length > 0 ? type.Trim() : "JKS").ToUpperInvariant() is var t && t is "JKS" or "PKCS12" or "PEM"
            ? t
            : throw new ArgumentException($"{typeKey}={type}: a {what} type must be JKS, PKCS12 or PEM");

    private static ArgumentException JavaStore(string prefix, string type, string instead) =>
        new($"a {type} {prefix[4..]} (the default type is JKS), which librdkafka cannot read: {instead}");

    /// <summary>
    /// A JAAS line: PLAIN and SCRAM give <c>sasl.username</c>/<c>sasl.password</c>; OAUTHBEARER its client
    /// credentials for librdkafka's OIDC; Kerberos its principal and keytab.
    /// </summary>
    private static List<KeyValuePair<string, string>> Jaas(string value)
    {
        var module = JaasModule().Match(value);
        if (!module.Success)
        {
            throw new ArgumentException("not a JAAS line ('<LoginModule class> required key=\"value\" ...;')");
        }

        var options = JaasOption().Matches(value[module.Length..])
            .ToDictionary(m => m.Groups["key"].Value, m => m.Groups["quoted"].Success ? m.Groups["quoted"].Value.Replace("\\\"", "\"", StringComparison.Ordinal) : m.Groups["bare"].Value, StringComparer.Ordinal);
        var className = module.Groups["class"].Value;
        List<KeyValuePair<string, string>> result = [];
        void Option(string jaas, string librdkafka)
        {
            if (options.TryGetValue(jaas, out var option))
            {
                result.Add(new(librdkafka, option));
            }
        }

        if (className.EndsWith(".PlainLoginModule", StringComparison.Ordinal) || className.EndsWith(".ScramLoginModule", StringComparison.Ordinal))
        {
            Option("username", "sasl.username");
            Option("password", "sasl.password");
        }
        else if (className.EndsWith(".OAuthBearerLoginModule", StringComparison.Ordinal))
        {
            Option("clientId", "sasl.oauthbearer.client.id");
            Option("clientSecret", "sasl.oauthbearer.client.secret");
            Option("scope", "sasl.oauthbearer.scope");
        }
        else if (className.EndsWith(".Krb5LoginModule", StringComparison.Ordinal))
        {
            Option("principal", "sasl.kerberos.principal");
            Option("keyTab", "sasl.kerberos.keytab");
        }
        else
        {
            throw new ArgumentException($"login module {className} has no librdkafka counterpart (PLAIN, SCRAM, OAUTHBEARER and Kerberos do)");
        }

        return result;
    }

    [GeneratedRegex(@"^\s*(?<class>[\w.$]+)\s+(required|requisite|sufficient|optional)\b", RegexOptions.CultureInvariant)]
    private static partial Regex JaasModule();

    [GeneratedRegex(@"(?<key>[\w.]+)\s*=\s*(?:""(?<quoted>(?:[^""\\]|\\.)*)""|(?<bare>[^\s;]+))", RegexOptions.CultureInvariant)]
    private static partial Regex JaasOption();
}
