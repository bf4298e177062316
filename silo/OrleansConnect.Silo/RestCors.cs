namespace OrleansConnect.Silo;

/// <summary>
/// Kafka's <c>access.control.allow.origin</c> / <c>access.control.allow.methods</c> for the REST API
/// (<c>OrleansConnect:Rest:AllowOrigin</c>, <c>OrleansConnect:Rest:AllowMethods</c>): with no origin set, no CORS
/// headers are sent and browsers allow only same-origin calls, as in Kafka.
/// </summary>
internal static class RestCors
{
    public const string AllowOriginSetting = "OrleansConnect:Rest:AllowOrigin";
    public const string AllowMethodsSetting = "OrleansConnect:Rest:AllowMethods";

    /// <summary>Kafka's methods when an origin is allowed and no methods are given.</summary>
    private static readonly string[] DefaultMethods = ["GET", "POST", "HEAD"];

    public static IServiceCollection AddRestCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origin = configuration[AllowOriginSetting]?.Trim();
        if (string.IsNullOrEmpty(origin))
        {
            return services;
        }

        var methods = configuration[AllowMethodsSetting]?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } given
            ? given
            : DefaultMethods;
        return services.AddCors(cors => cors.AddDefaultPolicy(policy =>
        {
            _ = origin == "*" ? policy.AllowAnyOrigin() : policy.WithOrigins(origin.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            policy.WithMethods(methods).AllowAnyHeader();
        }));
    }

    public static WebApplication UseRestCors(this WebApplication app)
    {
        if (!string.IsNullOrWhiteSpace(app.Configuration[AllowOriginSetting]))
        {
            app.UseCors();
        }

        return app;
    }
}
