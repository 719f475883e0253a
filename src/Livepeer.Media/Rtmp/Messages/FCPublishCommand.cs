namespace Livepeer.Media.Rtmp.Messages;

/// <summary>FCPublish: FMLE's announcement of the stream name it will publish.</summary>
public sealed record FCPublishCommand(double Transaction, string? StreamName) : RtmpCommand(Transaction)
{
    /// <summary>The name on the wire.</summary>
    public const string CommandName = "FCPublish";

    /// <inheritdoc/>
    public override string Name => CommandName;

    /// <inheritdoc/>
    protected override object?[] Arguments() => [null, StreamName];
}
