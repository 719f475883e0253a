namespace Livepeer.Media.Rtmp.Messages;

/// <summary>User Control event types (RTMP 1.0 section 7.1.7).</summary>
public enum UserControlEvent : ushort
{
    /// <summary>A stream became functional (data: message stream id).</summary>
    StreamBegin = 0,
    /// <summary>Playback of a stream ended (data: message stream id).</summary>
    StreamEof = 1,
    /// <summary>No more data on a stream for now (data: message stream id).</summary>
    StreamDry = 2,
    /// <summary>The client's buffer length (data: message stream id, then milliseconds).</summary>
    SetBufferLength = 3,
    /// <summary>A stream is recorded (data: message stream id).</summary>
    StreamIsRecorded = 4,
    /// <summary>Ping (data: a timestamp the answer echoes).</summary>
    PingRequest = 6,
    /// <summary>Ping answer (data: the request's timestamp).</summary>
    PingResponse = 7,
}
