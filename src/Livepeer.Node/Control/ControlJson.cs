using System.Text.Json;
using System.Text.Json.Nodes;
using Livepeer.Node.Payments;
using Microsoft.AspNetCore.Http;

namespace Livepeer.Node.Control;

/// <summary>Reading control requests and writing answers: JSON objects in and out, a bad request answered 400 with its reason.</summary>
internal static class ControlJson
{
    /// <summary>A request the control port refuses (answered 400 with the message).</summary>
    public sealed class BadRequest(string message) : Exception(message);

    public static async Task<JsonObject> ReadAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject
                ?? throw new BadRequest("The body must be a JSON object.");
        }
        catch (JsonException e) { throw new BadRequest($"The body is not JSON: {e.Message}"); }
    }

    /// <summary>A field as text (strings and numbers alike), or null when absent or null.</summary>
    public static string? Text(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        _ => throw new BadRequest($"'{name}' must be a number or a string."),
    };

    public static PixelPrice Price(JsonObject body)
    {
        var price = Text(body, "pricePerUnit") ?? throw new BadRequest("'pricePerUnit' is required (wei).");
        try { return PixelPrice.Parse(price, Text(body, "pixelsPerUnit") ?? "1"); }
        catch (FormatException e) { throw new BadRequest(e.Message); }
    }

    public static JsonObject Price(PixelPrice price) => new()
    {
        ["pricePerUnit"] = price.Numerator.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["pixelsPerUnit"] = price.Denominator.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["text"] = price.ToString(),
    };

    /// <summary>Writes what <paramref name="read"/> gives.</summary>
    public static Task AnswerNowAsync(HttpContext context, Func<JsonObject> read) => AnswerAsync(context, () => Task.FromResult(read()));

    /// <summary>Runs <paramref name="handle"/> and writes its JSON, or 400 with {"error": reason}.</summary>
    public static async Task AnswerAsync(HttpContext context, Func<Task<JsonObject>> handle)
    {
        JsonObject answer;
        try { answer = await handle(); }
        catch (BadRequest e)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            answer = new JsonObject { ["error"] = e.Message };
        }
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted);
    }
}
