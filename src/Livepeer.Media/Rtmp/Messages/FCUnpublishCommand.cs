namespace Livepeer.Media.Rtmp.Messages;

/// <summary>FCUnpublish: FMLE's announcement that publishing ends.</summary>
public sealed record FCUnpublishCommand(double Transaction, string? StreamName) : RtmpCommand(Transaction)
{
    /// <summary>The name on the wire.</summary>
    public const string CommandName = "FCUnpublish";

    /// <inheritdoc/>
    public override string Name => CommandName;

    /// <inheritdoc/>
    protected override object?[] Arguments() => [null, StreamName];
}
