using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Livepeer.Node.Tests.GoWire;

/// <summary>A broadcaster's object store stand-in: serves one body over plain HTTP/1.1 on 127.0.0.1 until disposed.</summary>
internal sealed class TinyFileServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Task _loop;
    private readonly CancellationTokenSource _stop = new();

    private TinyFileServer(byte[] body)
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/seg/1.ts";
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _requests);
                var stream = client.GetStream();
                var buffer = new byte[4096];
                var request = "";
                while (!request.Contains("\r\n\r\n", StringComparison.Ordinal)) request += Encoding.ASCII.GetString(buffer, 0, await stream.ReadAsync(buffer, _stop.Token));
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: video/MP2T\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"), _stop.Token);
                await stream.WriteAsync(body, _stop.Token);
            }
        });
    }

    public string Url { get; }

    private int _requests;
    /// <summary>Connections served so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static Task<TinyFileServer> StartAsync(byte[] body) => Task.FromResult(new TinyFileServer(body));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _loop; }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { }
        _stop.Dispose();
    }
}
