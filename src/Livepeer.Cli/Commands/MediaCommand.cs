using System.CommandLine;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Broadcaster;

namespace Livepeer.Cli.Commands;

/// <summary>`livepeer media`: a standalone media server — RTMP in, local ffmpeg ladder, HLS and DASH out; no network, no chain.</summary>
public static class MediaCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var rtmpPort = new Option<int>("--rtmp-port") { Description = "RTMP ingest port", DefaultValueFactory = _ => 1935 };
        var httpPort = new Option<int>("--http-port") { Description = "HTTP port: HLS, DASH, push ingest", DefaultValueFactory = _ => 8935 };
        var profiles = new Option<string>("--profiles") { Description = "Ladder: preset names (comma separated), JSON, or @file.json", DefaultValueFactory = _ => string.Join(',', VideoProfilePresets.DefaultLadder.Select(p => p.Name)) };
        var retention = new Option<double>("--ended-retention") { Description = "Seconds an ended stream's playlists stay (with ENDLIST) before they answer 404", DefaultValueFactory = _ => 30 };
        var slots = new Option<int>("--transcode-slots") { Description = "Segments transcoded at once (RTMP and push together); twice as many may wait, more are refused (push: 503 + Retry-After; live: source only)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("media", "Run a standalone media server: RTMP in, local ffmpeg transcoding, HLS and DASH out (no network, no chain)") { rtmpPort, httpPort, profiles, retention, slots };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            IReadOnlyList<VideoProfile> ladder;
            try
            {
                var text = parse.GetValue(profiles)!;
                ladder = VideoProfileParser.Parse(text.StartsWith('@') ? await File.ReadAllTextAsync(text[1..], ct) : text);
            }
            catch (ProfileException e) { throw new CliException($"--profiles: {e.Message}", CliException.Usage); }
            using var loggers = NodeOptions.Loggers(parse);
            await using var node = await BroadcasterNode.StartLocalAsync(new FfmpegTranscoder(), new BroadcasterNodeOptions
            {
                RtmpPort = parse.GetValue(rtmpPort), HttpPort = parse.GetValue(httpPort), Profiles = ladder,
                EndedStreamRetention = parse.GetValue(retention) is var seconds && seconds is >= 0 and <= 86_400 ? TimeSpan.FromSeconds(seconds)
                    : throw new CliException("--ended-retention: seconds from 0 to 86400.", CliException.Usage),
                TranscodeQueue = parse.GetValue(slots) is var n && n is >= 1 and <= 1024 ? new TranscodeQueueOptions { MaxRunning = n, MaxWaiting = 2 * n }
                    : throw new CliException("--transcode-slots: 1 to 1024.", CliException.Usage),
            }, TimeProvider.System, loggers, ct);
            NodeOptions.Say(parse, $"Media server: publish to rtmp://127.0.0.1:{node.RtmpPort}/live/STREAM_KEY, play {node.HttpAddress}hls/STREAM_KEY/index.m3u8 or {node.HttpAddress}dash/STREAM_KEY/manifest.mpd. Ctrl-C to stop.");
            await NodeOptions.UntilStoppedAsync(ct);
            return 0;
        }));
        return command;
    }
}
