using Livepeer.Media.Amf;
using Livepeer.Media.Rtmp.Protocol;

namespace Livepeer.Media.Rtmp.Messages;

/// <summary>Data (type 18, AMF0; type 15 is read too): AMF0 values, e.g. @setDataFrame onMetaData {…}.</summary>
public sealed record DataMessage(IReadOnlyList<object?> Values) : RtmpMessageBody
{
    /// <inheritdoc/>
    public override RtmpMessageType Type => RtmpMessageType.DataAmf0;

    /// <summary>The stream metadata, when this is @setDataFrame onMetaData {…} or onMetaData {…}; else null.</summary>
    public AmfObject? Metadata => Values switch
    {
        ["@setDataFrame", "onMetaData", AmfObject metadata, ..] => metadata,
        ["onMetaData", AmfObject metadata, ..] => metadata,
        _ => null,
    };

    /// <summary>@setDataFrame onMetaData <paramref name="metadata"/>, as publishers send it.</summary>
    public static DataMessage SetDataFrame(AmfObject metadata) => new(["@setDataFrame", "onMetaData", metadata]);

    /// <summary>Reads the AMF0 values.</summary>
    public static DataMessage Parse(ReadOnlySpan<byte> amf0) => new(Amf0Reader.ReadAll(amf0));

    /// <inheritdoc/>
    public override ReadOnlyMemory<byte> Write() => Amf0Writer.Encode([.. Values]);
}
