using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Transforms.Predicates;

namespace OrleansConnect.Plugins.Tests.Transforms;

public sealed class HasHeaderKeyTests
{
    [Fact]
    public void Test_HeaderPresent_IsTrue()
    {
        using var predicate = Records.ConfiguredPredicate<HasHeaderKey>(("name", "foo"));
        var record = Records.Source(null, null);
        record.Headers.AddString("bar", "x").AddString("foo", null);

        Assert.True(predicate.Test(record));
    }

    [Fact]
    public void Test_HeaderAbsent_IsFalse()
    {
        using var predicate = Records.ConfiguredPredicate<HasHeaderKey>(("name", "foo"));
        var record = Records.Source(null, null);
        record.Headers.AddString("bar", "x");

        Assert.False(predicate.Test(record));
    }

    [Fact]
    public void Configure_EmptyName_ThrowsConfigExceptionNamingName()
    {
        var e = Assert.Throws<ConfigException>(() => Records.ConfiguredPredicate<HasHeaderKey>(("name", "")));
        Assert.Equal("name", e.Name);
    }
}
