using OrleansConnect.Plugins.Datagen;
using OrleansConnect.Plugins.Errors;

namespace OrleansConnect.Plugins.Tests.Datagen;

public sealed class DatagenConnectorTests
{
    private static readonly Dictionary<string, string> Config = new() { ["kafka.topic"] = "t", ["quickstart"] = "sequence" };

    [Fact]
    public async Task AlterOffsets_ResetsAndTheStateATaskWrites_AreHandled()
    {
        var handled = await new DatagenConnector().AlterOffsetsAsync(
            Config,
            [
                Entry(new() { ["task.id"] = 0L }, new() { ["task.generation"] = 0L, ["current.iteration"] = 40L, ["random.seed"] = -5L }),
                Entry(new() { ["whatever"] = "x" }, null),
            ],
            CancellationToken.None);

        Assert.True(handled);
    }

    [Theory]
    [InlineData("task.id", "current.iteration", "forty", "'current.iteration'")]
    [InlineData("task.id", "current.iteration", -1L, "'current.iteration'")]
    [InlineData("task.id", "random.seed", 1L << 40, "'random.seed'")]
    [InlineData("task", "current.iteration", 1L, "'task.id'")]
    public async Task AlterOffsets_WrongShape_ThrowsNamingTheKey(string partitionKey, string offsetKey, object value, string named)
    {
        var offset = new Dictionary<string, object?> { ["task.generation"] = 0L, ["current.iteration"] = 1L, ["random.seed"] = 1L, [offsetKey] = value };

        var error = await Assert.ThrowsAsync<ConnectException>(() => new DatagenConnector().AlterOffsetsAsync(
            Config, [Entry(new() { [partitionKey] = 0L }, offset)], CancellationToken.None));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlterOffsets_OffsetWithoutAField_ThrowsNamingIt()
    {
        var error = await Assert.ThrowsAsync<ConnectException>(() => new DatagenConnector().AlterOffsetsAsync(
            Config, [Entry(new() { ["task.id"] = 0L }, new() { ["current.iteration"] = 1L, ["random.seed"] = 1L })], CancellationToken.None));

        Assert.Equal("Offset objects should either be null or contain the key 'task.generation'", error.Message);
    }

    private static KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?> Entry(Dictionary<string, object?> partition, Dictionary<string, object?>? offset) =>
        KeyValuePair.Create<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>(partition, offset);
}
