namespace Livepeer.Media.Rtmp.Messages;

/// <summary>play: a player asking for a stream (a publish-only server refuses it).</summary>
public sealed record PlayCommand(double Transaction, string? StreamName) : RtmpCommand(Transaction)
{
    /// <summary>The name on the wire.</summary>
    public const string CommandName = "play";

    /// <inheritdoc/>
    public override string Name => CommandName;

    /// <inheritdoc/>
    protected override object?[] Arguments() => [null, StreamName];
}
