using System.Globalization;
using System.Text.Json.Nodes;
using Livepeer.Core;
using Livepeer.Node.Orchestrator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Livepeer.Node.Control;

/// <summary>
/// The orchestrator's control routes: GET /control/sessions; POST /control/price {pricePerUnit, pixelsPerUnit, broadcaster?}
/// (a broadcaster's own price; with "clear": true it drops it); POST /control/max-sessions {maxSessions}. Changes apply to
/// new sessions; a running session keeps the price its first payment fixed and is never closed by a lower maximum.
/// </summary>
public static class OrchestratorControl
{
    /// <summary>The default control address (go-livepeer's orchestrator CLI port is 7935 too; 7936 keeps it clear of a broadcaster's on one machine).</summary>
    public const string DefaultAddress = "127.0.0.1:7936";

    /// <summary>Maps the routes for <paramref name="core"/>.</summary>
    public static void Map(IEndpointRouteBuilder app, OrchestratorCore core, ILogger? logger = null)
    {
        app.MapGet("/control/sessions", context => ControlJson.AnswerNowAsync(context, () => State(core)));
        app.MapPost("/control/price", context => ControlJson.AnswerAsync(context, async () =>
        {
            var body = await ControlJson.ReadAsync(context);
            if (ControlJson.Text(body, "broadcaster") is { } text)
            {
                if (!Address.TryParse(text, out var broadcaster)) throw new ControlJson.BadRequest($"'broadcaster' {text} is not an address (0x and 40 hex digits).");
                var clear = body["clear"] is JsonValue v && v.TryGetValue<bool>(out var c) && c;
                core.Prices.SetFor(broadcaster, clear ? null : Checked(ControlJson.Price(body)));
                logger?.BroadcasterPriceSet(broadcaster, clear ? "cleared" : core.Prices.For(broadcaster).ToString());
            }
            else
            {
                core.Prices.SetDefault(Checked(ControlJson.Price(body)));
                logger?.PriceSet(core.Prices.Default);
            }
            return State(core);
        }));
        app.MapPost("/control/max-sessions", context => ControlJson.AnswerAsync(context, async () =>
        {
            var body = await ControlJson.ReadAsync(context);
            var text = ControlJson.Text(body, "maxSessions") ?? throw new ControlJson.BadRequest("'maxSessions' is required.");
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var max) || max < 1)
                throw new ControlJson.BadRequest($"'maxSessions' {text} must be a whole number of at least 1.");
            core.SetMaxSessions(max);
            logger?.MaxSessionsSet(max);
            return State(core);
        }));
    }

    private static Payments.PixelPrice Checked(Payments.PixelPrice price) =>
        price.FitsWire ? price : throw new ControlJson.BadRequest($"The price {price} does not fit the wire's 64-bit PriceInfo once reduced.");

    /// <summary>What GET /control/sessions answers: prices, capacity and the open sessions.</summary>
    public static JsonObject State(OrchestratorCore core) => new()
    {
        ["role"] = "orchestrator",
        ["price"] = ControlJson.Price(core.Prices.Default),
        ["pricePerBroadcaster"] = new JsonArray(core.Prices.PerBroadcaster.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal)
            .Select(p => (JsonNode)new JsonObject { ["broadcaster"] = p.Key.ToString(), ["price"] = ControlJson.Price(p.Value) }).ToArray()),
        ["maxSessions"] = core.Sessions.Capacity,
        ["sessions"] = new JsonArray(core.Sessions.Snapshot().Select(s => (JsonNode)new JsonObject
        {
            ["id"] = s.Id, ["broadcaster"] = s.Sender.ToString(), ["paid"] = s.Paid,
            ["lastSegment"] = s.LastUsed.ToString("O", CultureInfo.InvariantCulture),
            ["price"] = core.SessionPrice(s.Id) is { } fixedPrice ? ControlJson.Price(Payments.PixelPrice.FromProto(fixedPrice)) : null,
        }).ToArray()),
    };
}
