using System.CommandLine;
using System.Net;
using Livepeer.Media.Http;
using Livepeer.Media.Profiles;
using Livepeer.Node.Broadcaster;

namespace Livepeer.Cli.Commands;

/// <summary>
/// The serving options `livepeer broadcaster` and `livepeer media` share (--rtmp-addr, --http-addr, the older port-only
/// --rtmp-port, --http-port, --auth-webhook-url, --record-dir and --playback-secret-file), declared once with their defaults from
/// <see cref="BroadcasterNodeOptions"/>; and the banner that tells the operator which URLs to give OBS and players.
/// </summary>
internal sealed class BroadcasterServingOptions
{
    /// <summary>--rtmp-addr host:port.</summary>
    public Option<string> RtmpAddr { get; } = new("--rtmp-addr")
    {
        Description = "RTMP listen address host:port; 0.0.0.0:1935 or [::]:1935 listen on every interface so OBS on other machines can publish",
        DefaultValueFactory = _ => BroadcasterNodeOptions.DefaultRtmpAddr, HelpName = "HOST:PORT",
    };

    /// <summary>--http-addr host:port.</summary>
    public Option<string> HttpAddr { get; } = new("--http-addr")
    {
        Description = "HTTP listen address host:port (HLS, DASH, push ingest, /api/status); 0.0.0.0:8935 or [::]:8935 let other machines play",
        DefaultValueFactory = _ => BroadcasterNodeOptions.DefaultHttpAddr, HelpName = "HOST:PORT",
    };

    /// <summary>--rtmp-port: the port only, the host of --rtmp-addr kept.</summary>
    public Option<int?> RtmpPort { get; } = new("--rtmp-port") { Description = "RTMP port only (overrides the port of --rtmp-addr; 0 picks a free one)", HelpName = "PORT" };

    /// <summary>--http-port: the port only, the host of --http-addr kept.</summary>
    public Option<int?> HttpPort { get; } = new("--http-port") { Description = "HTTP port only (overrides the port of --http-addr; 0 picks a free one)", HelpName = "PORT" };

    /// <summary>--auth-webhook-url: go-livepeer's publisher authentication.</summary>
    public Option<string?> AuthWebhookUrl { get; } = new("--auth-webhook-url")
    {
        Description = "Authenticate publishers: each new stream's ingest URL is POSTed here as {\"url\": ...}; a non-2xx answer refuses it, "
            + "a JSON answer may name its playback id (\"manifestID\") and ladder (\"presets\", \"profiles\"), so the key published with stays secret",
        HelpName = "URL",
    };

    /// <summary>--record-dir: keep every stream whole on disk.</summary>
    public Option<string?> RecordDir { get; } = new("--record-dir")
    {
        Description = "Record every stream whole into DIR/{stream}/ (all renditions and playlists, closed as a VOD when the stream ends; "
            + "served at /recordings/{stream}/index.m3u8); an earlier recording of the same stream is moved to {stream}.1, .2, ...",
        HelpName = "DIR",
    };

    /// <summary>--playback-secret-file: signed, expiring playback tokens.</summary>
    public Option<string?> PlaybackSecretFile { get; } = new("--playback-secret-file")
    {
        Description = "Protect playback: every HLS/DASH/recording playlist and segment request needs ?token= (or Authorization: Bearer) signed with "
            + "the HMAC-SHA256 key in FILE (at least 32 bytes, e.g. openssl rand -hex 32 > FILE; a trailing newline is ignored); "
            + "mint tokens with `livepeer playback-token`",
        HelpName = "FILE",
    };

    /// <summary>Every option, to add to a command.</summary>
    public IEnumerable<Option> All => [RtmpAddr, HttpAddr, RtmpPort, HttpPort, AuthWebhookUrl, RecordDir, PlaybackSecretFile, ConfigArguments.Create()];

    /// <summary>Sets the listen addresses and ports of <paramref name="options"/> from the command line; a usage error names the bad option.</summary>
    public void Apply(ParseResult parse, BroadcasterNodeOptions options)
    {
        var rtmp = Endpoint(parse, RtmpAddr, RtmpPort);
        var http = Endpoint(parse, HttpAddr, HttpPort);
        if (rtmp.Port != 0 && rtmp.Equals(http)) throw new CliException($"--rtmp-addr and --http-addr are both {ListenAddresses.Authority(rtmp.Address, rtmp.Port)}; give them different ports.", CliException.Usage);
        (options.RtmpListenAddress, options.RtmpPort, options.HttpListenAddress, options.HttpPort) = (rtmp.Address, rtmp.Port, http.Address, http.Port);
        if (parse.GetValue(RecordDir) is { } dir)
        {
            try { options.RecordDirectory = Directory.CreateDirectory(dir).FullName; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            { throw new CliException($"--record-dir {dir}: cannot create it ({e.Message}).", CliException.Usage); }
        }
        if (parse.GetValue(PlaybackSecretFile) is { } secretFile) options.PlaybackSecret = ReadPlaybackSecret(secretFile, PlaybackSecretFile.Name);
        if (parse.GetValue(AuthWebhookUrl) is { } hook)
            options.AuthWebhookUrl = Uri.TryCreate(hook, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps) ? u
                : throw new CliException($"--auth-webhook-url '{hook}' must be an absolute http:// or https:// URL.", CliException.Usage);
    }

    /// <summary>The HMAC key in <paramref name="path"/> (<see cref="PlaybackTokens.ReadKeyFile"/>); a usage error naming <paramref name="option"/> when unreadable or short.</summary>
    public static byte[] ReadPlaybackSecret(string path, string option)
    {
        byte[] key;
        try { key = PlaybackTokens.ReadKeyFile(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        { throw new CliException($"{option} {path}: cannot read it ({e.Message}).", CliException.Usage); }
        return key.Length >= PlaybackTokens.MinKeyBytes ? key
            : throw new CliException($"{option} {path}: the key is {key.Length} bytes; it must be at least {PlaybackTokens.MinKeyBytes} (make one with: openssl rand -hex 32 > {path}).", CliException.Usage);
    }

    /// <summary>The ladder --profiles names (preset names, JSON, or @file.json); a bad one is a usage error naming the option.</summary>
    public static async Task<IReadOnlyList<VideoProfile>> LadderAsync(string text, CancellationToken ct)
    {
        try { return VideoProfileParser.Parse(text.StartsWith('@') ? await File.ReadAllTextAsync(text[1..], ct) : text); }
        catch (ProfileException e) { throw new CliException($"--profiles: {e.Message}", CliException.Usage); }
    }

    /// <summary>
    /// The banner for <paramref name="options"/>: with a webhook the key published with is a secret and players use the
    /// playback id it names; with playback protection players add a token.
    /// </summary>
    public static IEnumerable<string> Banner(string who, BroadcasterNode node, BroadcasterNodeOptions options, bool dash)
    {
        var lines = options.AuthWebhookUrl is null ? Banner(who, node, "STREAM_KEY", "STREAM_KEY", dash)
            : Banner(who, node, "SECRET_KEY", "PLAYBACK_ID", dash).Append($"  publishers are checked by {options.AuthWebhookUrl}; PLAYBACK_ID is the manifestID it answers (else the key)");
        return options.PlaybackSecret is null ? lines
            : lines.Append($"  playback is protected: playback URLs need ?{PlaybackProtection.QueryName}=TOKEN; mint one with "
                + $"livepeer playback-token --secret-file FILE --stream {(options.AuthWebhookUrl is null ? "STREAM_KEY" : "PLAYBACK_ID")} --ttl 1h");
    }

    private static IPEndPoint Endpoint(ParseResult parse, Option<string> addr, Option<int?> port)
    {
        IPEndPoint endpoint;
        try { endpoint = ListenAddresses.Parse(parse.GetValue(addr)!); }
        catch (FormatException e) { throw new CliException($"{addr.Name}: {e.Message}", CliException.Usage); }
        if (parse.GetValue(port) is { } p)
            endpoint.Port = p is >= 0 and <= 65535 ? p : throw new CliException($"{port.Name} must be 0..65535; got {p}.", CliException.Usage);
        return endpoint;
    }

    /// <summary>
    /// The banner: the first line names loopback URLs (what scripts read), the next ones the URLs other machines use when
    /// the node listens beyond loopback.
    /// </summary>
    public static IEnumerable<string> Banner(string who, BroadcasterNode node, string publishKey, string playId, bool dash)
    {
        var rtmp = ListenAddresses.Reachable(node.RtmpEndPoint);
        var http = ListenAddresses.Reachable(node.HttpEndPoint);
        var play = (string host) => $"http://{host}/hls/{playId}/index.m3u8" + (dash ? $" or http://{host}/dash/{playId}/manifest.mpd" : "");
        yield return $"{who}: publish to rtmp://{rtmp[0]}/live/{publishKey}, play {play(http[0])}. Ctrl-C to stop.";
        foreach (var host in rtmp.Skip(1)) yield return $"  OBS on another machine: server rtmp://{host}/live, stream key {publishKey}";
        foreach (var host in http.Skip(1)) yield return $"  players on another machine: {play(host)}";
        if (node.RecordDirectory is { } records) yield return $"  recording every stream into {records}; play a recording at http://{http[0]}/recordings/{playId}/index.m3u8";
        if (rtmp.Count == 1 && IPAddress.IsLoopback(node.RtmpEndPoint.Address))
            yield return "  (listening on this machine only: --rtmp-addr 0.0.0.0:1935 --http-addr 0.0.0.0:8935 let other machines publish and play)";
    }
}
