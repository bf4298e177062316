using Microsoft.AspNetCore.Hosting;

namespace OrleansConnect.Api;

/// <summary>Hosting defaults shared by the silo and the separate API host.</summary>
public static class ConnectHosting
{
    /// <summary>
    /// Listens on <paramref name="urls"/> unless <c>--urls</c>, <c>ASPNETCORE_URLS</c> or the <c>Urls</c> setting says
    /// otherwise (a default in appsettings.json would override ASPNETCORE_URLS, so it is set here).
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="urls">The default URLs.</param>
    /// <returns>The builder.</returns>
    public static WebApplicationBuilder UseDefaultUrls(this WebApplicationBuilder builder, string urls)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(urls);
        }

        return builder;
    }
}
