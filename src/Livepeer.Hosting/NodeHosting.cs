using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Livepeer.Hosting;

/// <summary>How every node's embedded web server is hosted: it logs through the node and leaves signals to the node.</summary>
public static class NodeHosting
{
    /// <summary>
    /// Logs the web host through <paramref name="loggers"/> (the node's), so what Kestrel and ASP.NET log themselves, such
    /// as an unhandled exception in a request, lands in the node's log (null logs nothing: tests, embedding); and gives the
    /// host a <see cref="CallerOwnedLifetime"/>, so SIGTERM and Ctrl-C reach the process that hosts it.
    /// </summary>
    public static WebApplicationBuilder UseNodeHosting(this WebApplicationBuilder builder, ILoggerFactory? loggers)
    {
        builder.Logging.ClearProviders(); // the host's own console provider would write a second log in another format
        if (loggers is not null) builder.Services.AddSingleton(loggers); // the caller owns and disposes it
        builder.Services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
        return builder;
    }
}
