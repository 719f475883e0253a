using System.Buffers;

namespace Livepeer.Media.Rtmp.Protocol;

/// <summary>
/// Reassembles RTMP messages from chunks (RTMP 1.0 section 5.3): basic headers of 1, 2 and 3 bytes, message headers of
/// fmt 0/1/2/3, extended timestamps (also on fmt-3 chunks), interleaved chunk streams, and a peer-set chunk size.
/// Payload bytes are consumed as they arrive, so memory is bounded by what the peer actually sent, never by what it claims;
/// what all partly received messages hold together is bounded per connection and, through an <see cref="RtmpMemoryBudget"/>,
/// per server. Call <see cref="Release"/> when the connection ends.
/// </summary>
public sealed class RtmpChunkReader
{
    private readonly long _maxBufferedBytes;
    private readonly RtmpMemoryBudget? _budget;
    private long _buffered;

    /// <summary>Chunk size a peer may set at most (the spec allows 2^31-1; nothing real uses more than 64 KB).</summary>
    public const int DefaultMaxChunkSize = 16 * 1024 * 1024;

    private readonly Dictionary<int, ChunkStream> _streams = [];
    private readonly int _maxMessageSize;
    private readonly int _maxChunkStreams;
    private ChunkStream? _current;
    private int _currentRemaining;
    private int _chunkSize = 128;

    /// <summary>Creates a reader with the given limits.</summary>
    public RtmpChunkReader(int maxMessageSize = 8 * 1024 * 1024, int maxChunkStreams = 64, int maxChunkSize = DefaultMaxChunkSize,
        long maxBufferedBytes = long.MaxValue, RtmpMemoryBudget? budget = null)
        => (_maxBufferedBytes, _budget, _maxMessageSize, _maxChunkStreams, MaxChunkSize) = (maxBufferedBytes, budget, maxMessageSize, maxChunkStreams, maxChunkSize);

    /// <summary>The largest chunk size a peer may set.</summary>
    public int MaxChunkSize { get; }

    /// <summary>The peer's current chunk size (128 until it sends Set Chunk Size).</summary>
    public int ChunkSize
    {
        get => _chunkSize;
        set
        {
            if (value < 1 || value > MaxChunkSize)
                throw new RtmpProtocolException($"Peer set chunk size {value}; it must be between 1 and {MaxChunkSize}.");
            _chunkSize = value;
        }
    }

    /// <summary>
    /// Consumes chunk bytes from <paramref name="buffer"/> (advancing it) until a message completes (true) or the buffer
    /// runs out (false; call again with more bytes).
    /// </summary>
    public bool TryReadMessage(ref ReadOnlySequence<byte> buffer, out RtmpMessage message)
    {
        while (true)
        {
            if (_current is { } cs)
            {
                var take = (int)Math.Min(_currentRemaining, buffer.Length);
                if (take > 0)
                {
                    cs.Append(buffer.Slice(0, take), _maxMessageSize);
                    buffer = buffer.Slice(take);
                    _currentRemaining -= take;
                }
                if (_currentRemaining > 0)
                {
                    message = default;
                    return false;
                }
                _current = null;
                if (cs.Received == cs.Length)
                {
                    message = cs.TakeMessage();
                    return true;
                }
                continue;
            }
            if (!TryReadHeader(ref buffer))
            {
                message = default;
                return false;
            }
        }
    }

    /// <summary>Bytes held now in partly received messages.</summary>
    public long BufferedBytes => _buffered;

    /// <summary>Drops a partly received message (Abort message, type 2).</summary>
    public void Abort(int chunkStreamId)
    {
        if (_streams.TryGetValue(chunkStreamId, out var cs)) cs.Reset();
    }

    /// <summary>Drops every partly received message and gives their bytes back to the server's budget.</summary>
    public void Release()
    {
        foreach (var cs in _streams.Values) cs.Reset();
    }

    // Every growth of a reassembly buffer asks here first; every release reports back.
    private void Account(long delta)
    {
        if (delta > 0)
        {
            if (_buffered + delta > _maxBufferedBytes)
                throw new RtmpProtocolException($"Partly received messages would hold {_buffered + delta} bytes; the limit per connection is {_maxBufferedBytes} bytes.");
            if (_budget is not null && !_budget.TryTake(delta))
                throw new RtmpProtocolException($"The server holds {_budget.Used} bytes of partly received messages, its limit ({_budget.Limit} bytes); this connection's next {delta} bytes do not fit.");
        }
        else _budget?.Return(-delta);
        _buffered += delta;
    }

    private bool TryReadHeader(ref ReadOnlySequence<byte> buffer)
    {
        var r = new SequenceReader<byte>(buffer);
        if (!r.TryRead(out var b0)) return false;
        var fmt = b0 >> 6;
        var csid = b0 & 0x3F;
        if (csid == 0)
        {
            if (!r.TryRead(out var b1)) return false;
            csid = 64 + b1;
        }
        else if (csid == 1)
        {
            if (!r.TryRead(out var b1) || !r.TryRead(out var b2)) return false;
            csid = 64 + b1 + (b2 << 8);
        }
        var headerLength = fmt switch { 0 => 11, 1 => 7, 2 => 3, _ => 0 };
        if (r.Remaining < headerLength) return false;
        Span<byte> h = stackalloc byte[11];
        r.TryCopyTo(h[..headerLength]);
        r.Advance(headerLength);
        uint tsField = fmt < 3 ? (uint)((h[0] << 16) | (h[1] << 8) | h[2]) : 0;
        var length = fmt < 2 ? (h[3] << 16) | (h[4] << 8) | h[5] : 0;
        var type = fmt < 2 ? h[6] : (byte)0;
        var streamId = fmt == 0 ? (uint)(h[7] | (h[8] << 8) | (h[9] << 16) | (h[10] << 24)) : 0;

        if (!_streams.TryGetValue(csid, out var cs))
        {
            if (fmt >= 2)
                throw new RtmpProtocolException($"Chunk stream {csid} starts with a fmt {fmt} chunk, which carries no message length; the first chunk on a chunk stream must be fmt 0 or 1.");
            if (_streams.Count >= _maxChunkStreams)
                throw new RtmpProtocolException($"Peer opened more than {_maxChunkStreams} chunk streams.");
            cs = new ChunkStream(csid, Account);
        }
        var continuing = cs.Received > 0 && fmt == 3;
        var extended = fmt < 3 ? tsField == 0xFFFFFF : cs.Extended;
        uint extValue = 0;
        if (extended)
        {
            if (r.Remaining < 4) return false;
            Span<byte> e = stackalloc byte[4];
            r.TryCopyTo(e);
            extValue = (uint)((e[0] << 24) | (e[1] << 16) | (e[2] << 8) | e[3]);
            // On a continuation chunk the field repeats the message's extended timestamp (ffmpeg, OBS); some old encoders
            // omit it, in which case these 4 bytes are payload and must not be consumed.
            if (!continuing || extValue == cs.ExtendedValue) r.Advance(4);
        }

        // Commit: the whole header is here.
        _streams.TryAdd(csid, cs);
        if (!continuing)
        {
            // A header with fmt 0-2 in the middle of a message abandons the partial message, as ffmpeg does.
            cs.Reset();
            var value = extended ? extValue : tsField;
            switch (fmt)
            {
                case 0:
                    cs.Timestamp = value;
                    cs.Delta = value; // RTMP 1.0 5.3.1.2.4: a fmt-3 chunk after fmt 0 uses its timestamp as the delta
                    cs.Length = length;
                    cs.Type = type;
                    cs.StreamId = streamId;
                    break;
                case 1:
                    // A chunk stream opened by fmt 1 has no previous header: ffmpeg and nginx-rtmp start from zeroed state
                    // (stream id 0, the delta as the timestamp); we do the same.
                    cs.Timestamp = cs.HasHeader ? cs.Timestamp + value : value;
                    cs.Delta = value;
                    cs.Length = length;
                    cs.Type = type;
                    break;
                case 2:
                    cs.Timestamp += value;
                    cs.Delta = value;
                    break;
                default:
                    cs.Timestamp += extended ? extValue : cs.Delta;
                    break;
            }
            if (fmt < 3) cs.Extended = extended;
            if (extended) cs.ExtendedValue = extValue;
            cs.HasHeader = true;
            if (cs.Length > _maxMessageSize)
                throw new RtmpProtocolException($"Chunk stream {csid} announces a {cs.Length}-byte message; the limit is {_maxMessageSize} bytes.");
        }
        buffer = buffer.Slice(r.Position);
        _current = cs;
        _currentRemaining = Math.Min(_chunkSize, cs.Length - cs.Received);
        return true;
    }

    private sealed class ChunkStream(int id, Action<long> account)
    {
        private byte[]? _buffer;

        public int Id { get; } = id;

        public bool HasHeader { get; set; }

        public uint Timestamp { get; set; }

        public uint Delta { get; set; }

        public int Length { get; set; }

        public byte Type { get; set; }

        public uint StreamId { get; set; }

        public bool Extended { get; set; }

        public uint ExtendedValue { get; set; }

        public int Received { get; private set; }

        public void Append(ReadOnlySequence<byte> data, int max)
        {
            var needed = Received + (int)data.Length;
            if (_buffer is null || _buffer.Length < needed)
            {
                // Grow with what arrives, never by the announced length up front.
                var size = Math.Min(Length, Math.Max(needed, Math.Max(4096, (_buffer?.Length ?? 0) * 2)));
                var length = Math.Min(size, max);
                account(length - (_buffer?.Length ?? 0));
                var grown = new byte[length];
                if (_buffer is not null) _buffer.AsSpan(0, Received).CopyTo(grown);
                _buffer = grown;
            }
            data.CopyTo(_buffer.AsSpan(Received));
            Received = needed;
        }

        public RtmpMessage TakeMessage()
        {
            var payload = _buffer is null ? ReadOnlyMemory<byte>.Empty : _buffer.AsMemory(0, Length);
            var message = new RtmpMessage((RtmpMessageType)Type, StreamId, Timestamp, payload, Id);
            Reset();
            return message;
        }

        public void Reset()
        {
            if (_buffer is not null) account(-_buffer.Length);
            _buffer = null;
            Received = 0;
        }
    }
}
