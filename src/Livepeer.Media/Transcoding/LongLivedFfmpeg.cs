using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Livepeer.Media.Codecs;
using Livepeer.Media.MpegTs;
using Livepeer.Media.Profiles;
using Livepeer.Media.Segmenting;

namespace Livepeer.Media.Transcoding;

/// <summary>
/// One ffmpeg process per stream and ladder, fed segment after segment on stdin (<see cref="FfmpegCommand.BuildLongLived"/>):
/// the decoder, filters and encoders live across segments, so a segment pays no process start-up, no encoder
/// initialisation and no lookahead flush. Encoders place keyframes where the source has them, and the segment muxer writes a
/// piece at each one, announced on stdout; a segment's renditions are the pieces from its first PTS up to the next segment's,
/// so they are cut exactly at the source boundaries with continuous timestamps. The price is latency: a segment's last
/// frames sit in the encoders' lookahead until the next segment pushes them out (or <see cref="Finish"/> flushes them),
/// which <see cref="PersistentTranscoderOptions.TailWait"/> bounds.
/// </summary>
internal sealed class LongLivedFfmpeg : IDisposable
{
    private readonly Process _process;
    private readonly string _dir;
    private readonly IReadOnlyList<VideoProfile> _profiles;
    private readonly long _tolerance;
    private readonly Channel<Pending> _feed = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private readonly List<Pending> _pending = [];
    private readonly List<Queue<Piece>> _pieces;
    private readonly Task<string> _stderr;
    private readonly ITimer _tail;
    private readonly TimeSpan _tailSlack;
    private long _nextPts = -1;
    private bool _finished;
    private int _disposed;

    private LongLivedFfmpeg(Process process, string dir, SessionFormat format, IReadOnlyList<VideoProfile> profiles, TimeProvider time, TimeSpan tailSlack)
    {
        (_process, _dir, Format, _profiles, _tailSlack) = (process, dir, format, profiles, tailSlack);
        ProcessId = process.Id;
        _pieces = profiles.Select(_ => new Queue<Piece>()).ToList();
        // Output keyframes follow source keyframes through the fps filter, which may move them by less than one frame at the
        // lowest rate among the source (30 when unknown) and the outputs.
        _tolerance = profiles.Where(p => p.FpsNum > 0).Select(p => (Num: p.FpsNum, Den: p.FpsDen))
            .Append(format.Probe.FrameRateNum > 0 ? (Num: format.Probe.FrameRateNum, Den: format.Probe.FrameRateDen) : (Num: 30, Den: 1))
            .Max(r => 90_000L * r.Den / r.Num);
        _stderr = ProcessRun.ReadAllAsync(process.StandardError);
        _tail = time.CreateTimer(_ => Finish(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _ = WriteLoopAsync();
        _ = ReadLoopAsync();
    }

    /// <summary>The stream format the command was built for.</summary>
    public SessionFormat Format { get; }

    /// <summary>The operating-system process id.</summary>
    public int ProcessId { get; }

    /// <summary>True when profiles and settings allow a long-lived session: MPEG-TS renditions, no per-segment signatures.</summary>
    public static bool Supports(IReadOnlyList<VideoProfile> profiles, bool computeSignatures) =>
        !computeSignatures && profiles.All(p => FfmpegCommand.ContainerFor(p.Codec) == OutputContainer.MpegTs);

    /// <summary>Starts ffmpeg for <paramref name="format"/>; probing stops after <paramref name="firstSegmentBytes"/>.</summary>
    public static LongLivedFfmpeg Start(string ffmpeg, string tempRoot, SessionFormat format, IReadOnlyList<VideoProfile> profiles,
        int firstSegmentBytes, TimeProvider time, TimeSpan tailSlack)
    {
        var dir = Path.Combine(tempRoot, "livepeer-live-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var patterns = profiles.Select((_, i) => Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"r{i}_%08d.ts"))).ToList();
            var args = FfmpegCommand.BuildLongLived(format.Probe, profiles, patterns, format.ServiceProvider, firstSegmentBytes);
            return new LongLivedFfmpeg(ProcessRun.Start(ffmpeg, args, redirectInput: true), dir, format, profiles, time, tailSlack);
        }
        catch
        {
            WarmFfmpeg.DeleteDirectory(dir);
            throw;
        }
    }

    /// <summary>
    /// Queues <paramref name="segment"/> behind the ones fed before and returns its renditions' task, or null when the segment
    /// cannot follow them in this process: the session is finished, the format differs, or its timestamps do not continue
    /// the last segment's (a gap would be filled with repeated frames, an overlap would go backwards).
    /// </summary>
    public Task<IReadOnlyList<RenditionSegment>>? TryFeed(MediaSegment segment, SessionFormat format)
    {
        var pending = new Pending(segment);
        lock (_gate)
        {
            if (_finished || format != Format) return null;
            if (_nextPts >= 0 && Math.Abs(segment.StartPts - _nextPts) > _tolerance) return null;
            _nextPts = segment.StartPts + segment.Duration;
            _pending.Add(pending);
            _feed.Writer.TryWrite(pending);
            // A segment's tail waits for the next segment; when none comes in time, flush the encoders instead.
            _tail.Change(TimeSpan.FromTicks(segment.Duration * TimeSpan.TicksPerMillisecond / 90) + _tailSlack, Timeout.InfiniteTimeSpan);
        }
        return pending.Result.Task;
    }

    /// <summary>Takes no more segments and closes stdin, so ffmpeg flushes the encoders, completes every fed segment and exits.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            if (_finished) return;
            _finished = true;
            _feed.Writer.TryComplete();
        }
        try { _tail.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan); }
        catch (ObjectDisposedException) { /* the process already ended */ }
    }

    /// <summary>True once <see cref="Finish"/> ran (no more segments are taken).</summary>
    public bool IsFinished { get { lock (_gate) return _finished; } }

    /// <summary>Kills the process; fed segments that have no result yet fail, and the read loop cleans up once it is gone.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        Finish();
        try { _process.Kill(entireProcessTree: true); }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or ObjectDisposedException) { /* already exited */ }
    }

    private async Task WriteLoopAsync()
    {
        var stdin = _process.StandardInput.BaseStream;
        try
        {
            await foreach (var p in _feed.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                await stdin.WriteAsync(p.Segment.Data).ConfigureAwait(false);
                await stdin.FlushAsync().ConfigureAwait(false);
            }
        }
        catch (IOException) { /* the process died: the read loop fails the pending segments */ }
        catch (ObjectDisposedException) { }
        finally
        {
            try { _process.StandardInput.Close(); }
            catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException) { }
        }
    }

    private async Task ReadLoopAsync()
    {
        var stdout = _process.StandardOutput;
        while (await stdout.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (!TryParsePiece(line, out var rendition, out var piece)) continue;
            List<(Pending, List<Piece>[])> done;
            lock (_gate)
            {
                _pieces[rendition].Enqueue(piece);
                done = TakeComplete(exited: false);
            }
            await DeliverAsync(done).ConfigureAwait(false);
        }
        await _process.WaitForExitAsync().ConfigureAwait(false);
        List<(Pending, List<Piece>[])> rest;
        List<Pending> failed;
        lock (_gate)
        {
            _finished = true;
            _feed.Writer.TryComplete();
            rest = _process.ExitCode == 0 ? TakeComplete(exited: true) : [];
            failed = [.. _pending];
            _pending.Clear();
        }
        _tail.Dispose();
        await DeliverAsync(rest).ConfigureAwait(false);
        if (failed.Count > 0)
        {
            var tail = ProcessRun.Tail(await _stderr.ConfigureAwait(false), 10);
            var error = new TranscodeException(TranscodeError.FfmpegFailed,
                $"The stream's long-lived ffmpeg ended (exit code {_process.ExitCode}) before {failed.Count} segment(s) were done.", tail);
            foreach (var p in failed) p.Result.TrySetException(error);
        }
        _process.Dispose();
        WarmFfmpeg.DeleteDirectory(_dir);
    }

    /// <summary>
    /// Hands out the oldest segments whose pieces are all in: for each rendition, pieces up to one that ends where the next
    /// segment starts (or, with no next segment yet, where this one ends); after a clean exit the last segment takes the rest.
    /// </summary>
    private List<(Pending, List<Piece>[])> TakeComplete(bool exited)
    {
        var done = new List<(Pending, List<Piece>[])>();
        var counts = new int[_pieces.Count];
        while (_pending.Count > 0)
        {
            var head = _pending[0];
            long end = (_pending.Count > 1 ? _pending[1].Segment.StartPts : head.Segment.StartPts + head.Segment.Duration) - _tolerance;
            bool last = exited && _pending.Count == 1;
            for (int r = 0; r < _pieces.Count; r++)
            {
                int k = 0;
                foreach (var piece in _pieces[r])
                {
                    k++;
                    if (last) continue;
                    if (piece.End >= end) break;
                    if (k == _pieces[r].Count) k = 0;
                }
                if (k == 0) return done;
                counts[r] = k;
            }
            var taken = new List<Piece>[_pieces.Count];
            for (int r = 0; r < _pieces.Count; r++) taken[r] = [.. Enumerable.Range(0, counts[r]).Select(_ => _pieces[r].Dequeue())];
            _pending.RemoveAt(0);
            done.Add((head, taken));
        }
        return done;
    }

    private async Task DeliverAsync(List<(Pending Pending, List<Piece>[] Pieces)> done)
    {
        foreach (var (pending, pieces) in done)
        {
            try
            {
                var renditions = new List<RenditionSegment>(_profiles.Count);
                for (int r = 0; r < _profiles.Count; r++)
                {
                    using var data = new MemoryStream();
                    foreach (var piece in pieces[r])
                    {
                        await using (var file = File.OpenRead(piece.Path)) await file.CopyToAsync(data).ConfigureAwait(false);
                        File.Delete(piece.Path);
                    }
                    var bytes = data.ToArray();
                    long frames = TsSegmentInfo.Probe(bytes).VideoFrames;
                    var p = _profiles[r];
                    if (frames == 0)
                        throw new TranscodeException(TranscodeError.NoFrames, $"Rendition \"{p.Name}\" of segment {pending.Segment.Sequence} came out with zero frames.");
                    renditions.Add(new RenditionSegment(p, bytes, OutputContainer.MpegTs, frames, frames * p.Width * p.Height, null));
                }
                pending.Result.TrySetResult(renditions);
            }
            catch (Exception e) when (e is IOException or TranscodeException or TsFormatException)
            {
                pending.Result.TrySetException(e is TranscodeException ? e : new TranscodeException(TranscodeError.FfmpegFailed, $"Could not read the session's rendition pieces: {e.Message}", null, e));
            }
        }
    }

    /// <summary>Parses the segment muxer's CSV line "PATH,START,END" (seconds); the rendition is the r{i}_ prefix we named.</summary>
    private bool TryParsePiece(string line, out int rendition, out Piece piece)
    {
        rendition = -1;
        piece = default;
        int b = line.LastIndexOf(','), a = b > 0 ? line.LastIndexOf(',', b - 1) : -1;
        if (a <= 0) return false;
        var path = line[..a];
        var name = Path.GetFileName(path);
        int u = name.IndexOf('_');
        if (!name.StartsWith('r') || u <= 1 ||
            !int.TryParse(name.AsSpan(1, u - 1), NumberStyles.None, CultureInfo.InvariantCulture, out rendition) || rendition >= _pieces.Count) return false;
        if (!decimal.TryParse(line.AsSpan(b + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var endSeconds)) return false;
        if (!Path.IsPathRooted(path)) path = Path.Combine(_dir, name);
        piece = new Piece(path, (long)Math.Round(endSeconds * 90_000m));
        return true;
    }

    private readonly record struct Piece(string Path, long End);

    private sealed class Pending(MediaSegment segment)
    {
        public MediaSegment Segment { get; } = segment;
        public TaskCompletionSource<IReadOnlyList<RenditionSegment>> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
