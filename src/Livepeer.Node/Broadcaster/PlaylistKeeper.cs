using Livepeer.Media.Hls;
using Microsoft.Extensions.Logging;

namespace Livepeer.Node.Broadcaster;

/// <summary>
/// Keeps live streams' recent HLS windows on disk (<see cref="HlsPlaylistArchive"/>) so a restarted broadcaster serves
/// them again: saved every <c>interval</c> while a stream is live and when the node stops, forgotten when a stream ends.
/// A restored window is served until its publisher returns (the new publish continues its media sequence after it,
/// with EXT-X-DISCONTINUITY and new segment names) or until <c>restoredLifetime</c> passes without one.
/// </summary>
public sealed class PlaylistKeeper : IAsyncDisposable
{
    private readonly HlsPlaylistArchive _archive;
    private readonly HlsStreamStore _hls;
    private readonly Func<IEnumerable<string>> _live;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly object _gate = new();

    private PlaylistKeeper(HlsPlaylistArchive archive, HlsStreamStore hls, Func<IEnumerable<string>> live, TimeSpan interval, TimeSpan restoredLifetime, TimeProvider time, ILogger logger)
    {
        (_archive, _hls, _live, _logger) = (archive, hls, live, logger);
        foreach (var stream in archive.RestoreInto(hls))
        {
            logger.ServingSavedPlaylist(stream.Name);
            _ = ForgetUnlessRepublishedAsync(stream, restoredLifetime, time);
        }
        _loop = SaveLoopAsync(interval, time);
    }

    /// <summary>Restores the windows saved in <paramref name="directory"/> into <paramref name="hls"/> and starts saving the streams <paramref name="live"/> names.</summary>
    public static PlaylistKeeper Start(string directory, HlsStreamStore hls, Func<IEnumerable<string>> live, TimeProvider time, ILogger logger,
        TimeSpan? interval = null, TimeSpan? restoredLifetime = null) =>
        new(new HlsPlaylistArchive(directory), hls, live, interval ?? TimeSpan.FromSeconds(1), restoredLifetime ?? TimeSpan.FromMinutes(5), time, logger);

    /// <summary>A stream ended: when the node is stopping its window is saved (to serve after the restart), else forgotten.</summary>
    public void StreamEnded(string name, bool nodeStopping)
    {
        lock (_gate)
        {
            if (nodeStopping && _hls.TryGet(name, out var stream)) _archive.Save(stream);
            else if (!nodeStopping) _archive.Delete(name);
        }
    }

    private void SaveLive()
    {
        lock (_gate)
            foreach (var name in _live())
                if (_hls.TryGet(name, out var stream)) _archive.Save(stream);
    }

    private async Task SaveLoopAsync(TimeSpan interval, TimeProvider time)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try { SaveLive(); }
                catch (IOException e) { _logger.PlaylistsNotSaved(_archive.Directory, e.Message); }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task ForgetUnlessRepublishedAsync(HlsStream restored, TimeSpan lifetime, TimeProvider time)
    {
        try { await Task.Delay(lifetime, time, _stop.Token); }
        catch (OperationCanceledException) { return; }
        lock (_gate)
            if (_hls.Remove(restored)) _archive.Delete(restored.Name); // still the restored window: its publisher never came back
    }

    /// <summary>Stops saving (call after the streams ended with <c>nodeStopping</c>).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
