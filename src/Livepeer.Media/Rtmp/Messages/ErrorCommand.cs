using Livepeer.Media.Amf;

namespace Livepeer.Media.Rtmp.Messages;

/// <summary>_error: the failure answer to the command with the same transaction id.</summary>
public sealed record ErrorCommand(double Transaction, object? Properties, object? Information) : RtmpCommand(Transaction)
{
    /// <summary>The name on the wire.</summary>
    public const string CommandName = "_error";

    /// <inheritdoc/>
    public override string Name => CommandName;

    /// <inheritdoc/>
    protected override object?[] Arguments() => [Properties, Information];

    /// <summary>The error code from the information object, or null.</summary>
    public string? Code => (Information as AmfObject)?.GetString("code");

    /// <summary>The description from the information object, or null.</summary>
    public string? Description => (Information as AmfObject)?.GetString("description");
}
