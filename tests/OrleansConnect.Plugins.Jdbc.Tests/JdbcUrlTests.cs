using Npgsql;
using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.Jdbc.Tests;

public sealed class JdbcUrlTests
{
    [Fact]
    public void Parse_FullUrl_MapsEveryPartOntoNpgsql()
    {
        var builder = JdbcUrl.Parse("connection.url", "jdbc:postgresql://db.example:6432/shop%20db?user=app&password=s%26cret&sslmode=verify-full&currentSchema=sales&ApplicationName=oc&connectTimeout=7");

        Assert.Equal("db.example:6432", builder.Host);
        Assert.Equal("shop db", builder.Database);
        Assert.Equal("app", builder.Username);
        Assert.Equal("s&cret", builder.Password);
        Assert.Equal(SslMode.VerifyFull, builder.SslMode);
        Assert.Equal("sales", builder.SearchPath);
        Assert.Equal("oc", builder.ApplicationName);
        Assert.Equal(7, builder.Timeout);
    }

    [Fact]
    public void Parse_SeveralHostsAndShortForms_AreAccepted()
    {
        Assert.Equal("a:5432,b:5433", JdbcUrl.Parse("k", "jdbc:postgresql://a:5432,b:5433/db?targetServerType=primary").Host);
        var local = JdbcUrl.Parse("k", "jdbc:postgresql:db");
        Assert.Equal(("localhost", "db"), (local.Host, local.Database));
    }

    [Theory]
    [InlineData("jdbc:mysql://h/db?password=secret")]
    [InlineData("jdbc:postgresql://h/db?password=secret&loggerLevel=DEBUG")]
    [InlineData("jdbc:postgresql://h:port/db?password=secret")]
    [InlineData("jdbc:postgresql://h/db?password=secret&sslmode=sometimes")]
    public void Parse_InvalidUrl_IsAConfigErrorThatHidesTheUrl(string url)
    {
        var error = Assert.Throws<ConfigException>(() => JdbcUrl.Parse("connection.url", url));

        Assert.Equal("connection.url", error.Name);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateDataSource_UserAndPasswordKeys_OverrideTheUrl()
    {
        var config = new AbstractConfig(Sink.JdbcSinkConfig.Keys, new Dictionary<string, string>
        {
            ["connection.url"] = "jdbc:postgresql://h/db?user=u1&password=p1",
            ["connection.user"] = "u2",
            ["connection.password"] = "p2",
            ["db.timezone"] = "Europe/Paris",
        });

        using var dataSource = JdbcConnectionConfig.CreateDataSource(config);
        var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);

        Assert.Equal("u2", builder.Username);
        Assert.Equal("Europe/Paris", builder.Timezone);
        Assert.Equal("[hidden]", config.GetPassword("connection.password")!.ToString());
    }
}
