using System.Diagnostics;
using System.Net.Sockets;
using Livepeer.Media.Flv;
using Livepeer.Media.Rtmp;

namespace Livepeer.Node.Tests.Abuse;

/// <summary>
/// The RTMP attacks of issue 16 against a port, each bounded in time: it returns how long the server took to cut each
/// attacker (null: still held when the time ran out).
/// </summary>
public static class RtmpAttacks
{
    /// <summary>Connections that handshake, then trickle one byte a second: never idle, far below any useful rate.</summary>
    public static Task<TimeSpan?[]> SlowlorisAsync(int port, int connections, TimeSpan limit) =>
        Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            var clock = Stopwatch.StartNew();
            using var socket = await HandshakenAsync(port);
            using var stop = new CancellationTokenSource();
            var trickle = Task.Run(async () =>
            {
                try
                {
                    while (!stop.IsCancellationRequested)
                    {
                        await socket.SendAsync(new byte[] { 0x03 });
                        await Task.Delay(1000, stop.Token);
                    }
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException) { }
            });
            var closed = await ClosedByServerAsync(socket, limit - clock.Elapsed);
            await stop.CancelAsync();
            await trickle;
            return closed ? clock.Elapsed : (TimeSpan?)null;
        }));

    /// <summary>
    /// Connections that set a 900,000-byte chunk size, then send the first chunk of a 1 MiB message on chunk stream after
    /// chunk stream and never the rest: each holds up to 18 MB of partly received messages unless the server cuts it.
    /// </summary>
    public static Task<TimeSpan?[]> HalfMessagesAsync(int port, int connections, int chunkStreams, TimeSpan limit) =>
        Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            var clock = Stopwatch.StartNew();
            using var socket = await HandshakenAsync(port);
            try
            {
                await socket.SendAsync((byte[])[.. Fmt0(2, 4, 1, 0), .. U32(900_000)]);
                for (var csid = 10; csid < 10 + chunkStreams; csid++) await socket.SendAsync((byte[])[.. Fmt0(csid, 1 << 20, 9, 1), .. new byte[900_000]]);
            }
            catch (SocketException) { } // cut while sending: the point
            return await ClosedByServerAsync(socket, limit - clock.Elapsed) ? clock.Elapsed : (TimeSpan?)null;
        }));

    /// <summary>
    /// A publisher sending <paramref name="tags"/> over and over with every timestamp at 1000 ms, as fast as the socket
    /// takes them: the bytes it got in before the server refused it, or null if it was never refused within the limit.
    /// </summary>
    public static async Task<long?> SameTimestampAsync(int port, string key, IReadOnlyList<FlvTag> tags, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        long sent = 0;
        await using var publisher = await RtmpPublisher.ConnectAsync("127.0.0.1", port, "live", key, CancellationToken.None);
        try
        {
            for (var round = 0; clock.Elapsed < limit; round++)
                foreach (var tag in tags.Skip(round == 0 ? 0 : 2)) // the sequence headers once, as a publisher sends them
                {
                    await publisher.SendTagAsync(tag with { Timestamp = 1000 }, CancellationToken.None);
                    sent += tag.Data.Length;
                }
            return null;
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            return sent;
        }
    }

    private static async Task<Socket> HandshakenAsync(int port)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", port);
        // C0 C1, then S0 S1 S2 back, then C2.
        await socket.SendAsync((byte[])[3, .. new byte[1536]]);
        var buffer = new byte[3073];
        for (var got = 0; got < buffer.Length;)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(got));
            if (n == 0) throw new IOException("The server closed during the handshake.");
            got += n;
        }
        await socket.SendAsync(new byte[1536]);
        return socket;
    }

    // Reads (and drops) what the server sends until it closes (true) or the time runs out (false).
    private static async Task<bool> ClosedByServerAsync(Socket socket, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout > TimeSpan.Zero ? timeout : TimeSpan.FromMilliseconds(1));
        var buffer = new byte[65536];
        try
        {
            while (await socket.ReceiveAsync(buffer, cts.Token) > 0) { }
            return true;
        }
        catch (SocketException) { return true; }
        catch (OperationCanceledException) { return false; }
    }

    // A type-0 chunk header: chunk stream id (2..63), timestamp 0, length, message type, message stream id (little-endian).
    private static byte[] Fmt0(int csid, int length, byte type, uint streamId) =>
        [(byte)csid, 0, 0, 0, (byte)(length >> 16), (byte)(length >> 8), (byte)length, type, (byte)streamId, (byte)(streamId >> 8), (byte)(streamId >> 16), (byte)(streamId >> 24)];

    private static byte[] U32(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
}
