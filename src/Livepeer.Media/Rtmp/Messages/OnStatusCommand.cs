using Livepeer.Media.Amf;

namespace Livepeer.Media.Rtmp.Messages;

/// <summary>onStatus: a stream's status (level, code, description), e.g. NetStream.Publish.Start.</summary>
public sealed record OnStatusCommand(double Transaction, AmfObject? Info) : RtmpCommand(Transaction)
{
    /// <summary>The name on the wire.</summary>
    public const string CommandName = "onStatus";

    /// <inheritdoc/>
    public override string Name => CommandName;

    /// <inheritdoc/>
    protected override object?[] Arguments() => [null, Info];

    /// <summary>status, warning or error; null when absent.</summary>
    public string? Level => Info?.GetString("level");

    /// <summary>The status code, e.g. NetStream.Publish.BadName; null when absent.</summary>
    public string? Code => Info?.GetString("code");

    /// <summary>The description, or null.</summary>
    public string? Description => Info?.GetString("description");

    /// <summary>A status with transaction id 0, its info object holding level, code and description in that order.</summary>
    public static OnStatusCommand Of(string level, string code, string description) =>
        new(0, new AmfObject { { "level", level }, { "code", code }, { "description", description } });
}
