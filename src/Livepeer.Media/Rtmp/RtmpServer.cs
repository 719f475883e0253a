using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Livepeer.Media.Http;
using Livepeer.Media.Rtmp.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Media.Rtmp;

/// <summary>
/// An RTMP ingest server (publish only) on a TCP listener. Each connection runs on its own task; a failure in one
/// connection is logged and closes only that connection. Connections are limited in number, per IP address, in the
/// memory their partly received messages hold (each and all together) and in how slowly they may send.
/// </summary>
public sealed class RtmpServer : IAsyncDisposable
{
    private readonly RtmpServerOptions _options;
    private readonly IRtmpPublishHandler _handler;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, Task> _connections = new();
    private TcpListener? _listener;
    private Task? _acceptLoop;
    private long _nextId;
    private readonly AddressConnectionLimiter _perAddress;

    /// <summary>Bytes all connections hold in partly received messages, against <see cref="RtmpServerOptions.MaxBufferedBytes"/>.</summary>
    public RtmpMemoryBudget Budget { get; }

    /// <summary>Creates a server; call <see cref="Start"/> to listen.</summary>
    public RtmpServer(RtmpServerOptions options, IRtmpPublishHandler handler, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        options.Validate();
        _options = options;
        _handler = handler;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<RtmpServer>();
        _time = timeProvider ?? TimeProvider.System;
        _perAddress = new AddressConnectionLimiter(options.MaxConnectionsPerAddress);
        Budget = new RtmpMemoryBudget(options.MaxBufferedBytes);
    }

    /// <summary>The bound address and port (valid after <see cref="Start"/>).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)(_listener?.LocalEndpoint ?? throw new InvalidOperationException("The server has not been started."));

    /// <summary>Connections currently open.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Binds and starts accepting connections.</summary>
    public void Start()
    {
        if (_listener is not null) throw new InvalidOperationException("The server is already started.");
        var listener = new TcpListener(_options.Address, _options.Port);
        // [::] means every interface, IPv4 ones included.
        if (_options.Address.Equals(IPAddress.IPv6Any)) listener.Server.DualMode = true;
        try
        {
            listener.Start(512);
        }
        catch (SocketException ex)
        {
            throw new InvalidOperationException($"RTMP server cannot listen on {_options.Address}:{_options.Port}: {ex.Message}. Choose another port (0 picks a free one).", ex);
        }
        _listener = listener;
        _logger.Listening(_listener.LocalEndpoint);
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    private async Task AcceptLoopAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptSocketAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (SocketException ex)
            {
                _logger.AcceptFailed(ex.Message);
                continue;
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            if (_connections.Count >= _options.MaxConnections)
            {
                _logger.RefusedServerFull(socket.RemoteEndPoint, _options.MaxConnections);
                socket.Dispose();
                continue;
            }
            var remote = socket.RemoteEndPoint;
            if (!_perAddress.TryEnter(remote))
            {
                _logger.RefusedAddressFull(remote, _options.MaxConnectionsPerAddress);
                socket.Dispose();
                continue;
            }
            var id = Interlocked.Increment(ref _nextId);
            socket.NoDelay = true;
            // Register before starting so a connection that ends at once cannot be removed before it is added.
            var start = new Task<Task>(() => RunConnectionAsync(id, socket, remote, token));
            _connections[id] = start.Unwrap();
            start.Start(TaskScheduler.Default);
        }
    }

    private async Task RunConnectionAsync(long id, Socket socket, EndPoint? remote, CancellationToken token)
    {
        try
        {
            await using var stream = new NetworkStream(socket, ownsSocket: true);
            var input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, leaveOpen: true));
            var output = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
            var connection = new RtmpConnection(id, input, output, socket.RemoteEndPoint, _options, _handler, _loggerFactory.CreateLogger<RtmpConnection>(), _time, Budget);
            await connection.RunAsync(token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.Crashed(ex, id);
        }
        finally
        {
            _perAddress.Exit(remote);
            _connections.TryRemove(id, out _);
        }
    }

    /// <summary>Stops listening, closes every connection (ending their streams) and waits for them.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested) return;
        _stopping.Cancel();
        _listener?.Stop();
        if (_acceptLoop is not null) await _acceptLoop.ConfigureAwait(false);
        await Task.WhenAll(_connections.Values).ConfigureAwait(false);
        _stopping.Dispose();
    }
}
