using System.Diagnostics;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Broadcaster;

namespace Livepeer.Node.Tests.Network;

/// <summary>`livepeer media`: RTMP in, the local ffmpeg ladder, HLS out, with no network and no chain.</summary>
public class LocalMediaServerTests
{
    [Fact]
    public async Task APublishedStreamIsTranscodedLocallyIntoHls()
    {
        VideoProfile[] ladder = [new("low", 320, 180, 300_000, 30, 1, 2)];
        await using var server = await BroadcasterNode.StartLocalAsync(new FfmpegTranscoder(), new BroadcasterNodeOptions { RtmpPort = 0, HttpPort = 0, Profiles = ladder }, TimeProvider.System);
        Assert.Null(server.Network);
        var publish = Process.Start(new ProcessStartInfo("ffmpeg",
            ["-v", "error", "-re", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i", "sine", "-t", "5",
             "-c:v", "libx264", "-preset", "ultrafast", "-g", "60", "-c:a", "aac", "-f", "flv", $"rtmp://127.0.0.1:{server.RtmpPort}/live/local"]) { RedirectStandardError = true })!;
        await publish.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, publish.ExitCode);
        using var http = new HttpClient { BaseAddress = server.HttpAddress };
        var low = "";
        for (var i = 0; i < 120 && !low.Contains("#EXT-X-ENDLIST"); i++)
        {
            var r = await http.GetAsync("hls/local/low/index.m3u8");
            low = r.IsSuccessStatusCode ? await r.Content.ReadAsStringAsync() : "";
            await Task.Delay(250);
        }
        Assert.Contains("RESOLUTION=320x180", await http.GetStringAsync("hls/local/index.m3u8"));
        Assert.True(low.Split('\n').Count(l => l.StartsWith("#EXTINF", StringComparison.Ordinal)) >= 2, low);
    }
}
