using System.Diagnostics;
using System.Globalization;
using System.Net;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Broadcaster;

namespace Livepeer.Node.Tests.GoWire;

/// <summary>
/// go-livepeer's HTTP push ingest rules against the project's broadcaster (real ffmpeg): a file name that is not a number
/// is segment 0, a Content-Duration that is not a number is 2000 ms, Content-Slice-From/To keep only that part (400
/// "Invalid slice config …" when from is after to), Content-Resolution is taken without complaint.
/// </summary>
public sealed class GoPushIngestTests
{
    private static async Task<byte[]> TwoSecondSegmentAsync()
    {
        var dir = Directory.CreateTempSubdirectory("gopush-").FullName;
        try
        {
            var path = Path.Combine(dir, "seg.ts");
            using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg",
                ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=192x108:rate=15", "-f", "lavfi", "-i", "sine", "-t", "2",
                 "-c:v", "libx264", "-preset", "ultrafast", "-g", "15", "-c:a", "aac", "-f", "mpegts", path]))!;
            await ffmpeg.WaitForExitAsync();
            Assert.Equal(0, ffmpeg.ExitCode);
            return await File.ReadAllBytesAsync(path);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    /// <summary>A transcoder with no orchestrator to send work to, as the network one when every orchestrator failed.</summary>
    private sealed class NoOrchestrators : ITranscoder
    {
        public Task<TranscodeResult> TranscodeAsync(Livepeer.Media.Segmenting.MediaSegment segment, IReadOnlyList<VideoProfile> profiles, CancellationToken cancellationToken = default) =>
            throw new TranscodeException(TranscodeError.Unavailable, "no orchestrator took the segment");
    }

    [Fact]
    public async Task NoOrchestratorIsGo503NoSessionsAvailable()
    {
        VideoProfile[] ladder = [new("tiny", 96, 54, 100_000, 15, 1, 2)];
        await using var server = await BroadcasterNode.StartLocalAsync(new NoOrchestrators(), new BroadcasterNodeOptions { RtmpPort = 0, HttpPort = 0, Profiles = ladder }, TimeProvider.System);
        using var http = new HttpClient { BaseAddress = server.HttpAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var response = await http.PostAsync("live/nosessions/0.ts", new ByteArrayContent(await TwoSecondSegmentAsync()));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.StartsWith("No sessions available", await response.Content.ReadAsStringAsync());
    }

    private static double[] Durations(string playlist) => playlist.Split('\n').Where(l => l.StartsWith("#EXTINF:", StringComparison.Ordinal))
        .Select(l => double.Parse(l["#EXTINF:".Length..].TrimEnd(','), CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public async Task PushFollowsGoRulesForNamesDurationsSlicesAndResolution()
    {
        VideoProfile[] ladder = [new("tiny", 96, 54, 100_000, 15, 1, 2)];
        await using var server = await BroadcasterNode.StartLocalAsync(new FfmpegTranscoder(), new BroadcasterNodeOptions { RtmpPort = 0, HttpPort = 0, Profiles = ladder }, TimeProvider.System);
        using var http = new HttpClient { BaseAddress = server.HttpAddress, Timeout = TimeSpan.FromSeconds(90) };
        var segment = await TwoSecondSegmentAsync();
        HttpRequestMessage Push(string path, params (string Name, string Value)[] headers)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(segment) };
            foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
            return request;
        }

        // Not a number: segment 0, with go's default duration of 2000 ms for a Content-Duration that is not a number.
        using (var named = await http.SendAsync(Push("live/gopush/latest.ts", ("Content-Duration", "two seconds"), ("Content-Resolution", "192x108"), ("Accept", "multipart/mixed"))))
        {
            Assert.Equal(HttpStatusCode.OK, named.StatusCode);
            // go's parts: Content-Type "<mime>; name=\"<profile>_<seq>.ts\"", Content-Disposition attachment with that file name, Rendition-Name.
            var boundary = named.Content.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!;
            var reader = new Microsoft.AspNetCore.WebUtilities.MultipartReader(boundary, await named.Content.ReadAsStreamAsync());
            var part = await reader.ReadNextSectionAsync();
            Assert.NotNull(part);
            Assert.Equal("video/mp2t; name=\"tiny_0.ts\"", part.ContentType);
            Assert.Equal("attachment; filename=\"tiny_0.ts\"", part.ContentDisposition);
            Assert.Equal("tiny", part.Headers!["Rendition-Name"].ToString());
            Assert.Null(await reader.ReadNextSectionAsync());
        }
        var playlist = await http.GetStringAsync("hls/gopush/source/index.m3u8");
        Assert.Contains("0.ts", playlist);
        Assert.Equal([2.0], Durations(playlist));

        // From after to: go's 400 and text, nothing ingested.
        using (var backwards = await http.SendAsync(Push("live/gopush/1.ts", ("Content-Slice-From", "100"), ("Content-Slice-To", "10"))))
        {
            Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
            Assert.Contains("Invalid slice config from=100ms to=10ms", await backwards.Content.ReadAsStringAsync());
        }
        Assert.Single(Durations(await http.GetStringAsync("hls/gopush/source/index.m3u8")));

        // A slice keeps only [500 ms, 1500 ms): the published segment lasts about one second; values that are not numbers are ignored.
        using (var sliced = await http.SendAsync(Push("live/gopush/1.ts", ("Content-Slice-From", "500"), ("Content-Slice-To", "1500"))))
            Assert.Equal(HttpStatusCode.OK, sliced.StatusCode);
        var durations = Durations(await http.GetStringAsync("hls/gopush/source/index.m3u8"));
        Assert.Equal(2, durations.Length);
        Assert.InRange(durations[1], 0.8, 1.2);
        using (var ignored = await http.SendAsync(Push("live/gopush/2.ts", ("Content-Slice-From", "soon"), ("Content-Duration", "2000"))))
            Assert.Equal(HttpStatusCode.OK, ignored.StatusCode);
        Assert.Equal(2.0, Durations(await http.GetStringAsync("hls/gopush/source/index.m3u8"))[2]);
    }

    [Fact]
    public async Task ATranscodeConfigurationHeaderNamesTheStreamAndItsLadderOnItsFirstPush()
    {
        VideoProfile[] ladder = [new("tiny", 96, 54, 100_000, 15, 1, 2)];
        await using var server = await BroadcasterNode.StartLocalAsync(new FfmpegTranscoder(), new BroadcasterNodeOptions { RtmpPort = 0, HttpPort = 0, Profiles = ladder }, TimeProvider.System);
        using var http = new HttpClient { BaseAddress = server.HttpAddress, Timeout = TimeSpan.FromSeconds(90) };
        var segment = await TwoSecondSegmentAsync();
        HttpRequestMessage Push(string path, string configuration)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(segment) };
            request.Headers.TryAddWithoutValidation("Livepeer-Transcode-Configuration", configuration);
            request.Headers.TryAddWithoutValidation("Content-Duration", "2000");
            return request;
        }

        // Not JSON: go's 400 and text, nothing ingested.
        using (var bad = await http.SendAsync(Push("live/configured/0.ts", """{"profiles": [""")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("failed to parse transcode config header", await bad.Content.ReadAsStringAsync());
        }
        // go's JSON profile objects and a manifest id: the stream plays under that id with that ladder.
        const string config = """{"manifestID": "renamed", "sessionID": "s1", "timeoutMultiplier": 2, "profiles": [{"name": "hdr", "width": 128, "height": 72, "bitrate": 150000, "fps": 15}]}""";
        using (var first = await http.SendAsync(Push("live/configured/0.ts", config)))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("0.ts", await http.GetStringAsync("hls/renamed/hdr/index.m3u8"));
        // Later pushes keep the stream as it started, whatever their header says (go reads it when a stream is created).
        using (var later = await http.SendAsync(Push("live/configured/1.ts", """{"profiles": [{"name": "other", "width": 64, "height": 36, "bitrate": 50000}]}""")))
            Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Contains("1.ts", await http.GetStringAsync("hls/renamed/hdr/index.m3u8"));
        using var other = await http.GetAsync("hls/renamed/other/index.m3u8");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }
}
