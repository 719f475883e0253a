using System.Collections.Concurrent;
using System.Threading.Channels;
using Livepeer.Wire.Compatibility;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Orchestrator.Transcoders;

/// <summary>A transcoder registered over a RegisterTranscoder stream: its capacity, current load and the tasks it holds.</summary>
public sealed class RemoteTranscoder
{
    private readonly Channel<Proto.NotifySegment> _outbox = Channel.CreateUnbounded<Proto.NotifySegment>(new() { SingleReader = true });

    internal RemoteTranscoder(long id, string peer, int capacity, CapabilitySet capabilities) => (Id, Peer, Capacity, Capabilities) = (id, peer, capacity, capabilities);

    /// <summary>What it can do (go-livepeer's DefaultCapabilities when it registered none, as go assumes).</summary>
    public CapabilitySet Capabilities { get; }

    /// <summary>Pool-wide number, in registration order.</summary>
    public long Id { get; }
    /// <summary>Where the stream comes from (gRPC peer string).</summary>
    public string Peer { get; }
    /// <summary>Most tasks it takes at once.</summary>
    public int Capacity { get; }
    /// <summary>Tasks it holds now.</summary>
    public int Load { get; internal set; }
    /// <summary>Whether it left the pool.</summary>
    public bool Closed { get; private set; }

    internal ConcurrentDictionary<long, PendingTask> Tasks { get; } = new();

    /// <summary>Notifications for the stream writer, in order.</summary>
    internal ChannelReader<Proto.NotifySegment> Outbox => _outbox.Reader;

    internal bool Send(Proto.NotifySegment notify) => _outbox.Writer.TryWrite(notify);

    /// <summary>Ends its stream and fails every task it holds so they move elsewhere.</summary>
    internal void Close(string reason)
    {
        Closed = true;
        _outbox.Writer.TryComplete();
        foreach (var task in Tasks.Values) task.Fail(new RemoteTranscodeException($"transcoder {Id} ({Peer}) {reason}", dropTranscoder: true));
    }
}
