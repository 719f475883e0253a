namespace Livepeer.Media.Rtmp.Messages;

/// <summary>_result: the success answer to the command with the same transaction id.</summary>
public sealed record ResultCommand(double Transaction, object? Properties, object? Information) : RtmpCommand(Transaction)
{
    /// <summary>The name on the wire.</summary>
    public const string CommandName = "_result";

    /// <inheritdoc/>
    public override string Name => CommandName;

    /// <inheritdoc/>
    protected override object?[] Arguments() => [Properties, Information];
}
