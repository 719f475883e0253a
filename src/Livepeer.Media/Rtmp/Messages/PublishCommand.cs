namespace Livepeer.Media.Rtmp.Messages;

/// <summary>publish, on the message stream createStream gave: the stream name (key, maybe with ?query) and the type (live, record, append).</summary>
public sealed record PublishCommand(double Transaction, string? StreamName, string? PublishType) : RtmpCommand(Transaction)
{
    /// <summary>The name on the wire.</summary>
    public const string CommandName = "publish";

    /// <inheritdoc/>
    public override string Name => CommandName;

    /// <inheritdoc/>
    protected override object?[] Arguments() => [null, StreamName, PublishType];
}
