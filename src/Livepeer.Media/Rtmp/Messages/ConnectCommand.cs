using Livepeer.Media.Amf;

namespace Livepeer.Media.Rtmp.Messages;

/// <summary>connect: the publisher names the application (app) and the URL it dialled (tcUrl) in its command object.</summary>
public sealed record ConnectCommand(double Transaction, AmfObject? Properties) : RtmpCommand(Transaction)
{
    /// <summary>The name on the wire.</summary>
    public const string CommandName = "connect";

    /// <inheritdoc/>
    public override string Name => CommandName;

    /// <inheritdoc/>
    protected override object?[] Arguments() => [Properties];

    /// <summary>The app property, or null.</summary>
    public string? App => Properties?.GetString("app");

    /// <summary>The tcUrl property, or null.</summary>
    public string? TcUrl => Properties?.GetString("tcUrl");
}
