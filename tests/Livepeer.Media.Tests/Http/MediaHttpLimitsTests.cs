using System.Net.Sockets;
using System.Text;
using Livepeer.Media.Dash;
using Livepeer.Media.Hls;
using Livepeer.Media.Http;

namespace Livepeer.Media.Tests.Http;

/// <summary>The media HTTP server's connection limits: one address cannot hold every slot.</summary>
public class MediaHttpLimitsTests
{
    private static async Task<bool> ClosedByServerAsync(Socket socket, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try { return await socket.ReceiveAsync(new byte[1024], cts.Token) == 0; }
        catch (SocketException) { return true; }
        catch (OperationCanceledException) { return false; }
    }

    /// <summary>An answered request proves the server accepted the connection and counted it against its address.</summary>
    private static async Task AnsweredAsync(Socket socket)
    {
        await socket.SendAsync("GET /utc HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"u8.ToArray());
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[4096];
        var text = "";
        while (!text.Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var n = await socket.ReceiveAsync(buffer, cts.Token);
            Assert.True(n > 0, "the server closed a connection within the limit after: " + text);
            text += Encoding.ASCII.GetString(buffer, 0, n);
        }
        Assert.StartsWith("HTTP/1.1 200", text);
    }

    [Fact]
    public async Task ConnectionsBeyondTheLimitPerAddressAreClosedAtOnceAndTheSlotComesBack()
    {
        await using var server = await MediaHttpServer.StartAsync(new MediaHttpServerOptions { Port = 0, MaxConnectionsPerAddress = 2 }, new HlsStreamStore(), new DashStreamStore());
        var port = server.BaseAddress.Port;
        var held = new List<Socket>();
        for (var i = 0; i < 2; i++)
        {
            var s = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await s.ConnectAsync("127.0.0.1", port);
            held.Add(s);
        }
        foreach (var s in held) await AnsweredAsync(s); // both accepted and counted
        using (var third = new Socket(SocketType.Stream, ProtocolType.Tcp))
        {
            await third.ConnectAsync("127.0.0.1", port);
            Assert.True(await ClosedByServerAsync(third, TimeSpan.FromSeconds(5)));
        }
        foreach (var s in held) Assert.False(await ClosedByServerAsync(s, TimeSpan.FromMilliseconds(100)));
        held[0].Dispose();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        string? utc = null;
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (utc is null && DateTime.UtcNow < deadline)
        {
            try { utc = await http.GetStringAsync("utc"); }
            catch (HttpRequestException) { await Task.Delay(50); } // the server may not have counted the close yet
        }
        Assert.NotNull(utc);
        held[1].Dispose();
    }
}
