namespace OrleansConnect.Plugins.Mqtt.Tests;

/// <summary>Tests that share one mosquitto broker; each uses topics and client ids of its own.</summary>
[CollectionDefinition(Name)]
public sealed class MosquittoCollection : ICollectionFixture<MosquittoFixture>
{
    public const string Name = "mosquitto";
}
