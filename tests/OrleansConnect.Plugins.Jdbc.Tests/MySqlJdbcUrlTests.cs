using MySqlConnector;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Jdbc.Dialects;

namespace OrleansConnect.Plugins.Jdbc.Tests;

public sealed class MySqlJdbcUrlTests
{
    [Theory]
    [InlineData("jdbc:mysql://")]
    [InlineData("jdbc:mariadb://")]
    public void Parse_FullUrl_MapsEveryPartOntoMySqlConnector(string prefix)
    {
        var builder = MySqlJdbcUrl.Parse("connection.url",
            prefix + "db.example:3307/shop%20db?user=app&password=s%26cret&sslMode=VERIFY_IDENTITY&connectTimeout=1500&socketTimeout=30000&allowPublicKeyRetrieval=true&useUnicode=true&characterEncoding=UTF-8");

        Assert.Equal("db.example", builder.Server);
        Assert.Equal(3307u, builder.Port);
        Assert.Equal("shop db", builder.Database);
        Assert.Equal("app", builder.UserID);
        Assert.Equal("s&cret", builder.Password);
        Assert.Equal(MySqlSslMode.VerifyFull, builder.SslMode);
        Assert.Equal(2u, builder.ConnectionTimeout);
        Assert.Equal(30u, builder.DefaultCommandTimeout);
        Assert.True(builder.AllowPublicKeyRetrieval);
    }

    [Fact]
    public void Parse_SeveralHostsAndNoPort_AreAccepted()
    {
        var several = MySqlJdbcUrl.Parse("k", "jdbc:mysql://a:3310,b:3310/db?useSSL=false");
        var bare = MySqlJdbcUrl.Parse("k", "jdbc:mariadb://h/db");

        Assert.Equal(("a,b", 3310u, MySqlSslMode.None), (several.Server, several.Port, several.SslMode));
        Assert.Equal(("h", 3306u), (bare.Server, bare.Port));
    }

    [Theory]
    [InlineData("jdbc:mysql://h/db?password=secret&serverTimezone=UTC")]
    [InlineData("jdbc:mysql://h:port/db?password=secret")]
    [InlineData("jdbc:mysql://a:1,b:2/db?password=secret")]
    [InlineData("jdbc:mariadb://h/db?password=secret&sslMode=sometimes")]
    [InlineData("jdbc:mysql://h/db?password=secret&characterEncoding=latin1")]
    [InlineData("jdbc:mysql://h/db?password=secret&connectTimeout=soon")]
    public void Parse_InvalidUrl_IsAConfigErrorThatHidesTheUrl(string url)
    {
        var error = Assert.Throws<ConfigException>(() => MySqlJdbcUrl.Parse("connection.url", url));

        Assert.Equal("connection.url", error.Name);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateDataSource_UserAndPasswordKeys_OverrideTheUrlAndGuidsStayStrings()
    {
        var config = new AbstractConfig(Sink.JdbcSinkConfig.Keys, new Dictionary<string, string>
        {
            ["connection.url"] = "jdbc:mariadb://h/db?user=u1&password=p1",
            ["connection.user"] = "u2",
            ["connection.password"] = "p2",
        });

        var dialect = JdbcDialect.For(config);
        using var dataSource = dialect.CreateDataSource(config);
        var builder = new MySqlConnectionStringBuilder(dataSource.ConnectionString);

        Assert.Equal(JdbcDialect.MySqlName, dialect.Name);
        Assert.Equal(("u2", "p2"), (builder.UserID, builder.Password));
        Assert.Equal(MySqlGuidFormat.None, builder.GuidFormat);
    }
}
