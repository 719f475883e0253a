using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Livepeer.Chain.Hosting;

/// <summary>Where a node's embedded web server logs: to the node's own logger factory.</summary>
public static class HostLogging
{
    /// <summary>
    /// Logs the web host through <paramref name="loggers"/> (the node's), so what Kestrel and ASP.NET log themselves, such
    /// as an unhandled exception in a request, lands in the node's log; null logs nothing (tests, embedding).
    /// </summary>
    public static WebApplicationBuilder UseNodeLoggers(this WebApplicationBuilder builder, ILoggerFactory? loggers)
    {
        builder.Logging.ClearProviders(); // the host's own console provider would write a second log in another format
        if (loggers is not null) builder.Services.AddSingleton(loggers); // the caller owns and disposes it
        return builder;
    }
}
