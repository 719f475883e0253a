using System.Text.Json.Nodes;
using Livepeer.Media.Profiles;
using Livepeer.Node.Broadcaster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Livepeer.Node.Control;

/// <summary>
/// The broadcaster's control routes: GET /control/sessions (streams, their ladders and orchestrators); POST /control/ladder
/// {profiles} (preset names or JSON, as --profiles); POST /control/max-price {pricePerUnit, pixelsPerUnit} or {"pricePerUnit": null}
/// for no cap. A new ladder applies to running streams' next segments and to new streams; a new cap to sessions chosen after it.
/// </summary>
public static class BroadcasterControl
{
    /// <summary>The default control address (go-livepeer's broadcaster CLI port).</summary>
    public const string DefaultAddress = "127.0.0.1:7935";

    /// <summary>Maps the routes for <paramref name="node"/>; <paramref name="selection"/> is the options its selector reads (the price cap).</summary>
    public static void Map(IEndpointRouteBuilder app, BroadcasterNode node, Selection.SelectionOptions selection, ILogger? logger = null)
    {
        app.MapGet("/control/sessions", context => ControlJson.AnswerNowAsync(context, () => State(node, selection)));
        app.MapPost("/control/ladder", context => ControlJson.AnswerAsync(context, async () =>
        {
            var body = await ControlJson.ReadAsync(context);
            var text = body["profiles"] switch
            {
                JsonArray array => array.ToJsonString(),
                _ => ControlJson.Text(body, "profiles") ?? throw new ControlJson.BadRequest("'profiles' is required: preset names (comma separated) or a JSON ladder."),
            };
            IReadOnlyDictionary<string, string> kept;
            try { kept = node.SetLadder(VideoProfileParser.Parse(text)); }
            catch (ProfileException e) { throw new ControlJson.BadRequest(e.Message); }
            var state = State(node, selection);
            state["kept"] = new JsonObject(kept.Select(k => KeyValuePair.Create(k.Key, (JsonNode?)k.Value)));
            return state;
        }));
        app.MapPost("/control/max-price", context => ControlJson.AnswerAsync(context, async () =>
        {
            var body = await ControlJson.ReadAsync(context);
            selection.MaxPrice = body.ContainsKey("pricePerUnit") && body["pricePerUnit"] is null ? null : ControlJson.Price(body);
            logger?.MaxPriceSet(selection.MaxPrice?.ToString() ?? "no cap");
            return State(node, selection);
        }));
    }

    /// <summary>What GET /control/sessions answers.</summary>
    public static JsonObject State(BroadcasterNode node, Selection.SelectionOptions selection)
    {
        var sessions = node.Network?.SessionSnapshot() ?? [];
        return new JsonObject
        {
            ["role"] = node.Network is null ? "media" : "broadcaster",
            ["ladder"] = Names(node.Ladder),
            ["maxPrice"] = selection.MaxPrice is { } cap ? ControlJson.Price(cap) : null,
            ["streams"] = new JsonArray(node.Pipelines.OrderBy(p => p.StreamName, StringComparer.Ordinal).Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p.StreamName,
                ["ladder"] = Names(p.Profiles),
                ["errors"] = p.Errors,
            }).ToArray()),
            ["sessions"] = new JsonArray(sessions.Select(s => (JsonNode)new JsonObject
            {
                ["stream"] = s.Stream, ["orchestrator"] = s.Orchestrator.ToString(), ["serviceUri"] = s.ServiceUri.ToString(),
                ["price"] = s.Price is { PixelsPerUnit: > 0, PricePerUnit: >= 0 } p ? ControlJson.Price(Payments.PixelPrice.FromProto(p)) : null,
            }).ToArray()),
        };
    }

    private static JsonArray Names(IReadOnlyList<VideoProfile> ladder) => new(ladder.Select(p => (JsonNode)JsonValue.Create(p.Name)).ToArray());
}
