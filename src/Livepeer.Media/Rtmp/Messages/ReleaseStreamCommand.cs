namespace Livepeer.Media.Rtmp.Messages;

/// <summary>releaseStream: FMLE's request to free a stream name before publishing it.</summary>
public sealed record ReleaseStreamCommand(double Transaction, string? StreamName) : RtmpCommand(Transaction)
{
    /// <summary>The name on the wire.</summary>
    public const string CommandName = "releaseStream";

    /// <inheritdoc/>
    public override string Name => CommandName;

    /// <inheritdoc/>
    protected override object?[] Arguments() => [null, StreamName];
}
