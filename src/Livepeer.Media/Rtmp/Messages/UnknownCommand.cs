namespace Livepeer.Media.Rtmp.Messages;

/// <summary>A command this implementation does not know, kept whole (<paramref name="Values"/>: command object and arguments).</summary>
public sealed record UnknownCommand(string CommandName, double Transaction, IReadOnlyList<object?> Values) : RtmpCommand(Transaction)
{
    /// <inheritdoc/>
    public override string Name => CommandName;

    /// <inheritdoc/>
    protected override object?[] Arguments() => [.. Values];
}
