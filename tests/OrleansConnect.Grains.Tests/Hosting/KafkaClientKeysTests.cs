using OrleansConnect.Grains.Hosting;

namespace OrleansConnect.Grains.Tests.Hosting;

public sealed class KafkaClientKeysTests
{
    [Theory]
    [InlineData("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";", "sasl.username=u", "sasl.password=p")]
    [InlineData("org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId=\"id\" clientSecret=\"s\" scope=\"x\";", "sasl.oauthbearer.client.id=id", "sasl.oauthbearer.client.secret=s", "sasl.oauthbearer.scope=x")]
    [InlineData("com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true keyTab=\"/k.keytab\" principal=\"connect@EX\";", "sasl.kerberos.principal=connect@EX", "sasl.kerberos.keytab=/k.keytab")]
    public void Translate_JaasConfig_GivesLibrdkafkasKeys(string jaas, params string[] expected)
    {
        var settings = KafkaClientKeys.Translate("sasl.jaas.config", jaas, new Dictionary<string, string>());

        Assert.Equal(expected.Order(StringComparer.Ordinal), settings.Select(s => $"{s.Key}={s.Value}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Translate_UnknownLoginModule_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => KafkaClientKeys.Translate("sasl.jaas.config", "com.example.Custom required;", new Dictionary<string, string>()).ToList());

        Assert.Contains("com.example.Custom", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_Pkcs12KeyStore_IsLibrdkafkasKeystore()
    {
        var settings = new Dictionary<string, string> { ["ssl.keystore.type"] = "PKCS12" };

        Assert.Equal([new("ssl.keystore.location", "/k.p12")], KafkaClientKeys.Translate("ssl.keystore.location", "/k.p12", settings));
        Assert.Equal([new("ssl.keystore.password", "pw")], KafkaClientKeys.Translate("ssl.keystore.password", "pw", settings));
    }

    [Fact]
    public void Translate_EmptyEndpointIdentification_TurnsHostnameCheckingOff()
    {
        Assert.Equal([new("ssl.endpoint.identification.algorithm", "none")], KafkaClientKeys.Translate("ssl.endpoint.identification.algorithm", "", new Dictionary<string, string>()));
    }

    [Theory]
    [InlineData("ssl.protocol")]
    [InlineData("ssl.truststore.password")]
    [InlineData("sasl.login.refresh.window.factor")]
    [InlineData("key.serializer")]
    public void Translate_JvmOnlyKey_GivesNothing(string key)
    {
        Assert.Empty(KafkaClientKeys.Translate(key, "x", new Dictionary<string, string>()));
    }

    [Fact]
    public void Translate_LibrdkafkaKey_PassesThrough()
    {
        Assert.Equal([new("compression.type", "zstd")], KafkaClientKeys.Translate("compression.type", "zstd", new Dictionary<string, string>()));
    }
}
