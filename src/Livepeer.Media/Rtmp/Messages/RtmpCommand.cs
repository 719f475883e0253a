using Livepeer.Media.Amf;
using Livepeer.Media.Rtmp.Protocol;

namespace Livepeer.Media.Rtmp.Messages;

/// <summary>
/// An AMF0 command message (type 20; type 17 is read too): a name, a transaction id, a command object and arguments.
/// Each command publishers and servers exchange is its own type; anything else is an <see cref="UnknownCommand"/>.
/// </summary>
public abstract record RtmpCommand(double Transaction) : RtmpMessageBody
{
    /// <inheritdoc/>
    public override RtmpMessageType Type => RtmpMessageType.CommandAmf0;

    /// <summary>The command name on the wire.</summary>
    public abstract string Name { get; }

    /// <summary>The values after the transaction id: the command object, then the arguments.</summary>
    protected abstract object?[] Arguments();

    /// <inheritdoc/>
    public override ReadOnlyMemory<byte> Write() => Amf0Writer.Encode([Name, Transaction, .. Arguments()]);

    /// <summary>Reads the command; throws <see cref="RtmpProtocolException"/> when it does not start with a name and a transaction id.</summary>
    public static RtmpCommand Parse(ReadOnlySpan<byte> amf0)
    {
        var values = Amf0Reader.ReadAll(amf0);
        if (values.Count < 2 || values[0] is not string name || values[1] is not double transaction)
            throw new RtmpProtocolException("Command message does not start with a command name and a transaction id.");
        object? At(int i) => i < values.Count ? values[i] : null;
        return name switch
        {
            ConnectCommand.CommandName => new ConnectCommand(transaction, At(2) as AmfObject),
            ReleaseStreamCommand.CommandName => new ReleaseStreamCommand(transaction, At(3) as string),
            FCPublishCommand.CommandName => new FCPublishCommand(transaction, At(3) as string),
            FCUnpublishCommand.CommandName => new FCUnpublishCommand(transaction, At(3) as string),
            CreateStreamCommand.CommandName => new CreateStreamCommand(transaction),
            PublishCommand.CommandName => new PublishCommand(transaction, At(3) as string, At(4) as string),
            DeleteStreamCommand.CommandName => new DeleteStreamCommand(transaction, At(3) is double id ? id : null),
            CloseStreamCommand.CommandName => new CloseStreamCommand(transaction),
            PlayCommand.CommandName => new PlayCommand(transaction, At(3) as string),
            ResultCommand.CommandName => new ResultCommand(transaction, At(2), At(3)),
            ErrorCommand.CommandName => new ErrorCommand(transaction, At(2), At(3)),
            OnStatusCommand.CommandName => new OnStatusCommand(transaction, At(3) as AmfObject),
            // Names are an open set: anything else is kept whole, for the receiver to refuse.
            _ => new UnknownCommand(name, transaction, values.Skip(2).ToArray()),
        };
    }
}
