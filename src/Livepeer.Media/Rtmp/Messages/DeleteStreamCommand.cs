namespace Livepeer.Media.Rtmp.Messages;

/// <summary>deleteStream: ends the message stream <paramref name="StreamId"/>.</summary>
public sealed record DeleteStreamCommand(double Transaction, double? StreamId) : RtmpCommand(Transaction)
{
    /// <summary>The name on the wire.</summary>
    public const string CommandName = "deleteStream";

    /// <inheritdoc/>
    public override string Name => CommandName;

    /// <inheritdoc/>
    protected override object?[] Arguments() => [null, StreamId];
}
