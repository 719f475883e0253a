namespace Livepeer.Media.Rtmp.Messages;

/// <summary>closeStream: ends the message stream it is sent on.</summary>
public sealed record CloseStreamCommand(double Transaction) : RtmpCommand(Transaction)
{
    /// <summary>The name on the wire.</summary>
    public const string CommandName = "closeStream";

    /// <inheritdoc/>
    public override string Name => CommandName;

    /// <inheritdoc/>
    protected override object?[] Arguments() => [null];
}
