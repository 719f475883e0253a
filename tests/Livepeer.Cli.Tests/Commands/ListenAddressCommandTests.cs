using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Livepeer.Media.Http;

namespace Livepeer.Cli.Tests.Commands;

/// <summary>--rtmp-addr and --http-addr of `livepeer media` and `livepeer broadcaster`: wildcard and IPv6 binds, the banner, bad input.</summary>
public sealed class ListenAddressCommandTests
{
    [Theory]
    [InlineData("127.0.0.1:1935", "127.0.0.1", 1935)]
    [InlineData("0.0.0.0:0", "0.0.0.0", 0)]
    [InlineData("[::1]:8935", "::1", 8935)]
    [InlineData("[::]:1", "::", 1)]
    [InlineData("localhost:5", "127.0.0.1", 5)]
    public void ParsesHostPort(string text, string address, int port)
    {
        var endpoint = ListenAddresses.Parse(text);
        Assert.Equal(IPAddress.Parse(address), endpoint.Address);
        Assert.Equal(port, endpoint.Port);
    }

    [Theory]
    [InlineData("1935")]
    [InlineData("::1:1935")]
    [InlineData("[::1:1935")]
    [InlineData("example.com:1935")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("127.0.0.1:-1")]
    public void RefusesWhatIsNotHostPort(string text) => Assert.Throws<FormatException>(() => ListenAddresses.Parse(text));

    [Fact]
    public void AWildcardBindIsReachableOnLoopbackFirstAndOnTheInterfaces()
    {
        var v4 = ListenAddresses.Reachable(new IPEndPoint(IPAddress.Any, 1935));
        Assert.Equal("127.0.0.1:1935", v4[0]);
        Assert.DoesNotContain("0.0.0.0:1935", v4);
        var v6 = ListenAddresses.Reachable(new IPEndPoint(IPAddress.IPv6Any, 8935));
        Assert.Contains("[::1]:8935", v6);
        Assert.Equal(["[::1]:8935"], ListenAddresses.Reachable(new IPEndPoint(IPAddress.IPv6Loopback, 8935)));
    }

    [Theory]
    [InlineData("media", "--rtmp-addr", "nowhere")]
    [InlineData("media", "--http-addr", "[::1:80")]
    [InlineData("broadcaster", "--rtmp-addr", "host.example:1935")]
    [InlineData("media", "--rtmp-port", "70000")]
    public void ABadAddressIsAUsageErrorNamingTheOption(string command, string option, string value)
    {
        var result = CliProcess.Run(new Dictionary<string, string?> { ["LIVEPEER_PASSWORD"] = "x" }, command, option, value, "--datadir", Path.GetTempPath());
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.Stderr);
    }

    [Fact]
    public void SameAddressForRtmpAndHttpIsRefused()
    {
        var result = CliProcess.Run(new Dictionary<string, string?>(), "media", "--rtmp-addr", "127.0.0.1:9100", "--http-addr", "127.0.0.1:9100");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("different ports", result.Stderr);
    }

    [Fact]
    public async Task MediaListensOnEveryInterfaceAndOnIpv6AndPrintsTheUrls()
    {
        using var process = CliProcess.Start("media", "--rtmp-addr", "0.0.0.0:0", "--http-addr", "[::1]:0", "--profiles", "P144p30fps16x9");
        try
        {
            var banner = await CliProcess.ReadUntilAsync(process, @"publish to rtmp://127\.0\.0\.1:(\d+)/live/STREAM_KEY, play http://\[::1\]:(\d+)/hls/STREAM_KEY/index\.m3u8 or http://\[::1\]:\d+/dash/");
            var rtmpPort = int.Parse(banner.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var httpPort = int.Parse(banner.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);

            // RTMP on 0.0.0.0: reachable on loopback and on this machine's own interface addresses.
            foreach (var host in ListenAddresses.Reachable(new IPEndPoint(IPAddress.Any, rtmpPort)))
            {
                using var tcp = new TcpClient();
                var endpoint = ListenAddresses.Parse(host);
                await tcp.ConnectAsync(endpoint.Address, endpoint.Port);
                Assert.True(tcp.Connected, host);
            }
            // HTTP on [::1]: answers over IPv6, and not over IPv4.
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            using var status = await http.GetAsync(new Uri($"http://[::1]:{httpPort}/api/status"));
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
            using var v4 = new TcpClient();
            await Assert.ThrowsAnyAsync<SocketException>(() => v4.ConnectAsync(IPAddress.Loopback, httpPort));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task LoopbackStaysTheDefaultAndTheBannerSaysHowToOpenUp()
    {
        using var process = CliProcess.Start("media", "--rtmp-port", "0", "--http-port", "0");
        try
        {
            var banner = await CliProcess.ReadUntilAsync(process, @"publish to rtmp://127\.0\.0\.1:(\d+)/live/STREAM_KEY");
            await CliProcess.ReadUntilAsync(process, @"this machine only: --rtmp-addr 0\.0\.0\.0:1935");
            var port = int.Parse(banner.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var other = ListenAddresses.Reachable(new IPEndPoint(IPAddress.Any, port)).Skip(1).FirstOrDefault();
            if (other is not null)
            {
                // Bound to 127.0.0.1 only: this machine's LAN address is refused.
                using var tcp = new TcpClient();
                var endpoint = ListenAddresses.Parse(other);
                await Assert.ThrowsAnyAsync<SocketException>(() => tcp.ConnectAsync(endpoint.Address, endpoint.Port));
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
