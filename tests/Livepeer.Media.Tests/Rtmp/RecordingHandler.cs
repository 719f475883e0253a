using System.Collections.Concurrent;
using Livepeer.Media.Amf;
using Livepeer.Media.Rtmp;

namespace Livepeer.Media.Tests.Rtmp;

/// <summary>A publish handler that records everything (or refuses when told to).</summary>
internal sealed class RecordingHandler(string? refuse = null) : IRtmpPublishHandler
{
    public ConcurrentQueue<RtmpPublishRequest> Requests { get; } = new();

    public Session? Last { get; private set; }

    public ValueTask<RtmpPublishResult> PublishAsync(RtmpPublishRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        if (refuse is not null) return ValueTask.FromResult(RtmpPublishResult.Refuse(refuse));
        Last = new Session();
        return ValueTask.FromResult(RtmpPublishResult.Accept(Last));
    }

    internal sealed class Session : IRtmpPublishSession
    {
        public List<(string Kind, uint Timestamp, byte[] Body)> Messages { get; } = [];

        public AmfObject? Metadata { get; private set; }

        public TaskCompletionSource<Exception?> Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask OnMetaDataAsync(AmfObject metadata, CancellationToken cancellationToken)
        {
            Metadata = metadata;
            return ValueTask.CompletedTask;
        }

        public ValueTask OnAudioAsync(uint timestamp, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
        {
            Messages.Add(("audio", timestamp, body.ToArray()));
            return ValueTask.CompletedTask;
        }

        public ValueTask OnVideoAsync(uint timestamp, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
        {
            Messages.Add(("video", timestamp, body.ToArray()));
            return ValueTask.CompletedTask;
        }

        public ValueTask EndAsync(Exception? error)
        {
            Ended.TrySetResult(error);
            return ValueTask.CompletedTask;
        }
    }
}
