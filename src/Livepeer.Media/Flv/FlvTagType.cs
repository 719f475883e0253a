namespace Livepeer.Media.Flv;

/// <summary>FLV tag types (and the matching RTMP message type ids).</summary>
public enum FlvTagType : byte
{
    Audio = 8,
    Video = 9,
    ScriptData = 18,
}
