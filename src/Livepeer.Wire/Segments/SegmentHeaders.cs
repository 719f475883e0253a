namespace Livepeer.Wire.Segments;

/// <summary>HTTP header names and media types of the segment protocol, as go-livepeer uses them.</summary>
public static class SegmentHeaders
{
    /// <summary>Base64 of a protobuf <c>SegData</c>.</summary>
    public const string Segment = "Livepeer-Segment";
    /// <summary>Base64 of a protobuf <c>Payment</c>.</summary>
    public const string Payment = "Livepeer-Payment";
    /// <summary>Segment duration in milliseconds on HTTP push ingest.</summary>
    public const string ContentDuration = "Content-Duration";
    /// <summary>The rendition a multipart/mixed part holds.</summary>
    public const string RenditionName = "Rendition-Name";
    /// <summary>Remote transcoder's shared secret on result uploads.</summary>
    public const string Credentials = "Credentials";
    /// <summary>Remote transcoder's task id on result uploads.</summary>
    public const string TaskId = "TaskId";
    /// <summary>The header go-livepeer's orchestrators require on result uploads.</summary>
    public const string Authorization = "Authorization";
    /// <summary>Its value: the remote transcoder protocol version.</summary>
    public const string TranscoderAuthorization = "Livepeer-Transcoder-1.0";
    /// <summary>Output pixels of a rendition on result uploads.</summary>
    public const string Pixels = "Pixels";

    /// <summary>MPEG-TS segments.</summary>
    public const string MediaTypeMpegTs = "video/MP2T";
    /// <summary>Multipart responses with one part per rendition.</summary>
    public const string MediaTypeMultipartMixed = "multipart/mixed";
    /// <summary>Protobuf bodies.</summary>
    public const string MediaTypeProtobuf = "application/vnd+livepeer.uri";

    /// <summary>A segment request whose body is the segment's URL (go-livepeer broadcasters with external storage).</summary>
    public const string MediaTypeUri = "application/vnd+livepeer.uri";

    /// <summary>Path an orchestrator accepts segments on.</summary>
    public const string SegmentPath = "/segment";
    /// <summary>Path remote transcoders post results to.</summary>
    public const string TranscodeResultsPath = "/transcodeResults";
}
