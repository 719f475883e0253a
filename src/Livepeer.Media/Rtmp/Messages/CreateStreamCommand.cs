namespace Livepeer.Media.Rtmp.Messages;

/// <summary>createStream: asks for a message stream id (answered in _result).</summary>
public sealed record CreateStreamCommand(double Transaction) : RtmpCommand(Transaction)
{
    /// <summary>The name on the wire.</summary>
    public const string CommandName = "createStream";

    /// <inheritdoc/>
    public override string Name => CommandName;

    /// <inheritdoc/>
    protected override object?[] Arguments() => [null];
}
