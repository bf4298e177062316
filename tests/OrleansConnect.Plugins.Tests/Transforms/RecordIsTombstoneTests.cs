using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Transforms.Predicates;

namespace OrleansConnect.Plugins.Tests.Transforms;

public sealed class RecordIsTombstoneTests
{
    [Fact]
    public void Test_NullValue_IsTrue()
    {
        using var predicate = Records.ConfiguredPredicate<RecordIsTombstone>();

        Assert.True(predicate.Test(Records.Sink(Schema.OptionalString, null, Schema.String, "k")));
    }

    [Fact]
    public void Test_NonNullValue_IsFalse()
    {
        using var predicate = Records.ConfiguredPredicate<RecordIsTombstone>();

        Assert.False(predicate.Test(Records.Sink(null, "v")));
    }
}
