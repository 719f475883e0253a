using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Livepeer.Media.Http;
using Livepeer.Node.Broadcaster;

namespace Livepeer.Cli.Commands;

/// <summary>
/// `livepeer playback-token`: mints a signed, expiring playback token for one playback id with the key of a node's
/// --playback-secret-file, for an app backend to hand to a viewer, and prints the URLs to play with it.
/// </summary>
public static class PlaybackTokenCommand
{
    /// <summary>The longest lifetime accepted (a year): a token cannot be revoked short of changing the key.</summary>
    public static readonly TimeSpan MaxTtl = TimeSpan.FromDays(366);

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var secretFile = new Option<string>("--secret-file") { Description = "The node's --playback-secret-file (HMAC-SHA256 key, at least 32 bytes)", Required = true, HelpName = "FILE" };
        var stream = new Option<string>("--stream") { Description = "The playback id the token is for (the public id, not the secret stream key)", Required = true, HelpName = "PLAYBACK_ID" };
        var ttl = new Option<string>("--ttl") { Description = "How long the token is valid: 90s, 30m, 1h, 7d or seconds", DefaultValueFactory = _ => "1h", HelpName = "DURATION" };
        var baseUrl = new Option<string>("--base-url") { Description = "The node's HTTP address as players reach it, for the printed URLs", DefaultValueFactory = _ => "http://" + BroadcasterNodeOptions.DefaultHttpAddr, HelpName = "URL" };
        var command = new Command("playback-token", "Mint a signed, expiring playback token for a node started with --playback-secret-file") { secretFile, stream, ttl, baseUrl };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var key = BroadcasterServingOptions.ReadPlaybackSecret(parse.GetValue(secretFile)!, "--secret-file");
            var id = parse.GetValue(stream)!;
            if (id.Length == 0 || id.Contains('/', StringComparison.Ordinal)) throw new CliException($"--stream '{id}' is not a playback id.", CliException.Usage);
            var lifetime = ParseTtl(parse.GetValue(ttl)!);
            var root = parse.GetValue(baseUrl)!;
            if (!Uri.TryCreate(root.EndsWith('/') ? root : root + "/", UriKind.Absolute, out var origin) || !(origin.Scheme == Uri.UriSchemeHttp || origin.Scheme == Uri.UriSchemeHttps))
                throw new CliException($"--base-url '{root}' must be an absolute http:// or https:// URL.", CliException.Usage);
            var expires = DateTimeOffset.FromUnixTimeSeconds((DateTimeOffset.UtcNow + lifetime).ToUnixTimeSeconds());
            var token = new PlaybackTokens(key).Mint(id, expires);
            var query = $"?{PlaybackProtection.QueryName}={token}";
            var path = Uri.EscapeDataString(id);
            var hls = new Uri(origin, $"hls/{path}/index.m3u8{query}");
            var dash = new Uri(origin, $"dash/{path}/manifest.mpd{query}");
            var recording = new Uri(origin, $"recordings/{path}/index.m3u8{query}");
            if (parse.GetValue<bool>("--json"))
            {
                Console.WriteLine(new JsonObject
                {
                    ["token"] = token, ["stream"] = id, ["expires"] = expires.ToUnixTimeSeconds(),
                    ["expiresAt"] = expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    ["hls"] = hls.ToString(), ["dash"] = dash.ToString(), ["recording"] = recording.ToString(),
                }.ToJsonString());
                return 0;
            }
            // The token alone on the first line, for scripts.
            Console.WriteLine(token);
            Console.WriteLine($"valid for {id} until {expires.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC; play with:");
            Console.WriteLine($"  {hls}");
            Console.WriteLine($"  {dash}");
            Console.WriteLine($"  {recording} (a recording)");
            return 0;
        }));
        return command;
    }

    /// <summary>"90s", "30m", "1h", "7d" or whole seconds; a usage error otherwise or beyond <see cref="MaxTtl"/>.</summary>
    public static TimeSpan ParseTtl(string text)
    {
        (char Unit, int Seconds)[] units = [('s', 1), ('m', 60), ('h', 3600), ('d', 86_400)];
        var scale = 1;
        var number = text;
        foreach (var (unit, seconds) in units)
            if (text.EndsWith(unit))
                (scale, number) = (seconds, text[..^1]);
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) || n * scale < 1)
            throw new CliException($"--ttl '{text}' is not a duration; write e.g. 90s, 30m, 1h or 7d.", CliException.Usage);
        return n * scale <= MaxTtl.TotalSeconds ? TimeSpan.FromSeconds(n * scale) : throw new CliException($"--ttl {text} is longer than {MaxTtl.TotalDays:0} days; a token cannot be revoked but by changing the key.", CliException.Usage);
    }
}
