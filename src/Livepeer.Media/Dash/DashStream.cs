using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Livepeer.Media.Codecs;
using Livepeer.Media.Fmp4;

namespace Livepeer.Media.Dash;

/// <summary>
/// One live stream's DASH output: a Representation per rendition (video) plus audio, CMAF segments addressed by
/// SegmentTemplate $Number$ with a SegmentTimeline whose t values are the fragments' tfdt. The MPD is dynamic while the
/// stream runs and static once it ends. Thread-safe.
/// </summary>
public sealed class DashStream
{
    private static readonly XNamespace Ns = "urn:mpeg:dash:schema:mpd:2011";
    private readonly object _gate = new();
    private readonly List<DashRepresentation> _reps = new();
    private readonly DashOptions _options;
    private readonly TimeProvider _time;
    private double? _originSeconds;

    /// <summary>Creates an empty stream; <paramref name="prefix"/> starts its file names (unique per publish, so no URL is ever reused).</summary>
    public DashStream(string name, DashOptions options, TimeProvider time, string prefix = "")
    {
        options.Validate();
        Name = name;
        Prefix = prefix;
        _options = options;
        _time = time;
        if (options.RecordDirectory is { } dir) Recording = new DashRecording(dir, name, prefix);
    }

    /// <summary>The on-disk recording (--record-dir), or null.</summary>
    public DashRecording? Recording { get; }

    /// <summary>Stream name.</summary>
    public string Name { get; }

    /// <summary>What every file name of this stream starts with.</summary>
    public string Prefix { get; }

    /// <summary>Wall-clock time media time <see cref="OriginSeconds"/> maps to (MPD@availabilityStartTime), set by the first segment.</summary>
    public DateTimeOffset? AvailabilityStartTime { get; private set; }

    /// <summary>Media time (seconds) at the start of the period (presentationTimeOffset / timescale).</summary>
    public double? OriginSeconds { get { lock (_gate) return _originSeconds; } }

    /// <summary>True once ended (the MPD turns static).</summary>
    public bool Ended { get; private set; }

    /// <summary>Representation ids in MPD order.</summary>
    public IReadOnlyList<string> Representations { get { lock (_gate) return _reps.Select(r => r.Id).ToArray(); } }

    /// <summary>
    /// Sets the media time where the presentation starts (normally the first source segment's earliest track start).
    /// Only the first call counts; if never called, the first added segment's start is used.
    /// </summary>
    public void SetOrigin(double mediaSeconds)
    {
        lock (_gate) _originSeconds ??= mediaSeconds;
    }

    /// <summary>Adds a fragment (its single track) to representation <paramref name="id"/>, creating the representation on first use.</summary>
    /// <param name="id">Representation id.</param>
    /// <param name="fragment">A single-track CMAF fragment.</param>
    /// <param name="frameRate">Video frame rate for the MPD (0 for audio).</param>
    /// <param name="timeOffsetSeconds">Added to the fragment's decode times (tfdt is rewritten) so the timeline stays continuous after a source discontinuity.</param>
    public DashSegment AddSegment(string id, Fmp4Segment fragment, double frameRate = 0, double timeOffsetSeconds = 0)
    {
        var track = fragment.Tracks.Count == 1 ? fragment.Tracks[0]
            : throw new ArgumentException($"A DASH fragment must carry exactly one track; this one has {fragment.Tracks.Count}.", nameof(fragment));
        if (!fragment.BaseDecodeTime.TryGetValue(track.TrackId, out var t) || !fragment.Duration.TryGetValue(track.TrackId, out var d) || d == 0)
            throw new ArgumentException("The fragment has no tfdt or no samples.", nameof(fragment));
        var media = fragment.Media;
        if (timeOffsetSeconds != 0)
        {
            long ticks = (long)Math.Round(timeOffsetSeconds * track.Timescale);
            media = Fmp4Segment.ShiftDecodeTime(media, ticks);
            t = checked((ulong)((long)t + ticks));
        }
        return Add(id, track, fragment.Init, media, t, d, frameRate, webm: false);
    }

    /// <summary>
    /// Adds a WebM (VP8) segment to representation <paramref name="id"/>; its timeline uses milliseconds. WebM timestamps are
    /// not rewritten, so after a source discontinuity (<paramref name="timeOffsetSeconds"/> != 0) the segment is refused.
    /// </summary>
    public DashSegment AddWebmSegment(string id, WebmSegment segment, double durationSeconds, double frameRate, double timeOffsetSeconds = 0)
    {
        if (timeOffsetSeconds != 0)
            throw new ArgumentException("WebM representations cannot follow a timestamp discontinuity (cluster times are not rewritten).", nameof(timeOffsetSeconds));
        if (!(durationSeconds > 0)) throw new ArgumentException("Duration must be positive.", nameof(durationSeconds));
        var codec = CodecTable.FromMatroskaId(segment.CodecId)?.CodecsPrefix
            ?? throw new ArgumentException($"WebM codec {segment.CodecId} is not in the codec table.", nameof(segment));
        var track = new Fmp4Track(1, "vide", 1000, segment.CodecId, codec, segment.Width, segment.Height, 0, 0);
        return Add(id, track, segment.Init, segment.Media, (ulong)segment.StartMs, (ulong)Math.Round(durationSeconds * 1000), frameRate, webm: true);
    }

    private DashSegment Add(string id, Fmp4Track track, byte[] init, byte[] media, ulong t, ulong d, double frameRate, bool webm)
    {
        lock (_gate)
        {
            if (Ended) throw new InvalidOperationException($"DASH stream \"{Name}\" has ended; no more segments can be added.");
            var now = _time.GetUtcNow();
            var seconds = (double)d / track.Timescale;
            _originSeconds ??= (double)t / track.Timescale;
            // The first segment became available now, so the presentation started one segment duration ago.
            AvailabilityStartTime ??= now - TimeSpan.FromSeconds(seconds + Math.Max(0, (double)t / track.Timescale - _originSeconds.Value));
            var rep = _reps.FirstOrDefault(r => r.Id == id);
            if (rep is null)
            {
                rep = new DashRepresentation(id, track, init, frameRate, webm);
                _reps.Add(rep);
            }
            else if (rep.IsWebm != webm)
                throw new ArgumentException($"Representation \"{id}\" cannot change container.", nameof(id));
            else if (!webm && !rep.Init.AsSpan().SequenceEqual(init))
            {
                rep.Init = init; // encoder settings changed; the new init applies to what follows
                rep.Track = track;
            }
            var seg = new DashSegment(rep.NextNumber++, t, d, media);
            Recording?.Add(id, track, init, seg, frameRate, webm);
            rep.Window.AddLast(seg);
            rep.Meter.Add(media.Length, seconds);
            while (rep.Window.Count > _options.WindowSize)
            {
                rep.Retired.AddLast((rep.Window.First!.Value, now));
                rep.Window.RemoveFirst();
            }
            while (rep.Retired.First is { } old && now - old.Value.RemovedAt > _options.GracePeriod) rep.Retired.RemoveFirst();
            return seg;
        }
    }

    /// <summary>Ends the stream: the MPD becomes static with a mediaPresentationDuration. Idempotent.</summary>
    public void End()
    {
        lock (_gate) Ended = true;
        Recording?.End();
    }

    /// <summary>A snapshot of a representation's current window (empty when unknown).</summary>
    public IReadOnlyList<DashSegment> SegmentsOf(string id)
    {
        lock (_gate) return _reps.FirstOrDefault(r => r.Id == id)?.Window.ToArray() ?? [];
    }

    /// <summary>Finds "init.mp4" or "{number}.m4s" of a representation (window or grace period).</summary>
    public bool TryGet(string id, string file, out ReadOnlyMemory<byte> data) => TryGet(id, file, out data, out _);

    /// <summary>Finds an init ("init.mp4"/"init.webm") or media ("{n}.m4s"/"{n}.webm") segment and its content type.</summary>
    public bool TryGet(string id, string file, out ReadOnlyMemory<byte> data, out string contentType)
    {
        lock (_gate)
        {
            data = default;
            contentType = "";
            var rep = _reps.FirstOrDefault(r => r.Id == id);
            if (rep is null) return false;
            contentType = rep.MimeType;
            if (!file.StartsWith(Prefix, StringComparison.Ordinal)) return false;
            file = file[Prefix.Length..];
            if (file == rep.InitName) { data = rep.Init; return true; }
            var ext = rep.MediaExtension;
            if (!file.EndsWith(ext, StringComparison.Ordinal)
                || !long.TryParse(file.AsSpan(0, file.Length - ext.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return false;
            var now = _time.GetUtcNow();
            foreach (var s in rep.Window) if (s.Number == n) { data = s.Data; return true; }
            foreach (var (s, at) in rep.Retired) if (s.Number == n && now - at <= _options.GracePeriod) { data = s.Data; return true; }
            return false;
        }
    }

    /// <summary>Renders the MPD. <paramref name="utcTimingUrl"/> is the absolute URL of the server's /utc endpoint (null: no UTCTiming, for files on disk).</summary>
    public string RenderMpd(string? utcTimingUrl)
    {
        lock (_gate)
        {
            var inv = CultureInfo.InvariantCulture;
            var now = _time.GetUtcNow();
            var video = _reps.Where(r => !r.IsAudio && !r.IsWebm && r.Window.Count > 0).ToList();
            var webm = _reps.Where(r => r.IsWebm && r.Window.Count > 0).ToList();
            var audio = _reps.Where(r => r.IsAudio && r.Window.Count > 0).ToList();
            double origin = _originSeconds ?? 0;
            if (Ended && _reps.Any(r => r.Window.Count > 0))
                origin = _reps.Where(r => r.Window.Count > 0).Max(r => (double)r.Window.First!.Value.Time / r.Track.Timescale);
            var mpd = new XElement(Ns + "MPD",
                // The CMAF profile only holds when every representation is CMAF (no WebM).
                new XAttribute("profiles", webm.Count > 0 ? "urn:mpeg:dash:profile:isoff-live:2011" : "urn:mpeg:dash:profile:isoff-live:2011,urn:mpeg:dash:profile:cmaf:2019"),
                new XAttribute("type", Ended ? "static" : "dynamic"),
                new XAttribute("minBufferTime", Duration(_options.MinBufferTime.TotalSeconds)));
            if (Ended)
            {
                double end = _reps.Where(r => r.Window.Count > 0).Select(r => (double)(r.Window.Last!.Value.Time + r.Window.Last.Value.Duration) / r.Track.Timescale).DefaultIfEmpty(origin).Min();
                mpd.Add(new XAttribute("mediaPresentationDuration", Duration(Math.Max(0, end - origin))));
            }
            else
            {
                double depth = _reps.Where(r => r.Window.Count > 0).Select(r => r.Window.Sum(s => (double)s.Duration / r.Track.Timescale)).DefaultIfEmpty(0).Max();
                mpd.Add(new XAttribute("availabilityStartTime", Iso(AvailabilityStartTime ?? now)),
                    new XAttribute("publishTime", Iso(now)),
                    new XAttribute("minimumUpdatePeriod", Duration(_options.MinimumUpdatePeriod.TotalSeconds)),
                    new XAttribute("timeShiftBufferDepth", Duration(Math.Max(depth, _options.MinBufferTime.TotalSeconds))),
                    new XAttribute("suggestedPresentationDelay", Duration(_options.SuggestedPresentationDelay.TotalSeconds)));
            }
            var period = new XElement(Ns + "Period", new XAttribute("id", "0"), new XAttribute("start", "PT0S"));
            if (video.Count > 0) period.Add(VideoSet("0", "video/mp4", video, origin));
            // WebM cannot share an AdaptationSet with CMAF representations (one mimeType per set).
            if (webm.Count > 0) period.Add(VideoSet("2", "video/webm", webm, origin));
            if (audio.Count > 0)
            {
                var set = new XElement(Ns + "AdaptationSet", new XAttribute("id", "1"), new XAttribute("contentType", "audio"),
                    new XAttribute("mimeType", "audio/mp4"), new XAttribute("lang", "und"), new XAttribute("segmentAlignment", "true"), new XAttribute("startWithSAP", "1"));
                foreach (var r in audio)
                    set.Add(new XElement(Ns + "Representation", new XAttribute("id", r.Id), new XAttribute("bandwidth", Math.Max(1, r.Meter.Peak)),
                        new XAttribute("codecs", r.Track.Codec), new XAttribute("audioSamplingRate", r.Track.SampleRate), Template(r, origin)));
                period.Add(set);
            }
            mpd.Add(period);
            if (utcTimingUrl is not null)
                mpd.Add(new XElement(Ns + "UTCTiming", new XAttribute("schemeIdUri", "urn:mpeg:dash:utc:http-iso:2014"), new XAttribute("value", utcTimingUrl)));
            var doc = new XDocument(new XDeclaration("1.0", "UTF-8", null), mpd);
            using var sw = new Utf8StringWriter();
            using (var xw = XmlWriter.Create(sw, new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) })) doc.Save(xw);
            return sw.ToString();

            string Duration(double s) => string.Create(inv, $"PT{Math.Round(s, 3):0.###}S");
        }
    }

    /// <summary>A video AdaptationSet of one container type, one Representation per rendition.</summary>
    private XElement VideoSet(string id, string mimeType, IEnumerable<DashRepresentation> representations, double originSeconds)
    {
        var set = new XElement(Ns + "AdaptationSet", new XAttribute("id", id), new XAttribute("contentType", "video"),
            new XAttribute("mimeType", mimeType), new XAttribute("segmentAlignment", "true"), new XAttribute("startWithSAP", "1"));
        foreach (var r in representations)
        {
            var rep = new XElement(Ns + "Representation", new XAttribute("id", r.Id), new XAttribute("bandwidth", Math.Max(1, r.Meter.Peak)),
                new XAttribute("codecs", r.Track.Codec), new XAttribute("width", r.Track.Width), new XAttribute("height", r.Track.Height));
            if (r.FrameRate > 0) rep.Add(new XAttribute("frameRate", FrameRate(r.FrameRate)));
            rep.Add(Template(r, originSeconds));
            set.Add(rep);
        }
        return set;
    }

    private XElement Template(DashRepresentation r, double originSeconds)
    {
        var timeline = new XElement(Ns + "SegmentTimeline");
        ulong? expected = null;
        foreach (var s in r.Window)
        {
            var el = new XElement(Ns + "S");
            // Explicit t on the first entry and after any gap; continuous entries inherit t from the previous one.
            if (expected != s.Time) el.Add(new XAttribute("t", s.Time));
            el.Add(new XAttribute("d", s.Duration));
            timeline.Add(el);
            expected = s.Time + s.Duration;
        }
        return new XElement(Ns + "SegmentTemplate",
            new XAttribute("timescale", r.Track.Timescale),
            new XAttribute("presentationTimeOffset", (ulong)Math.Round(originSeconds * r.Track.Timescale)),
            new XAttribute("initialization", "$RepresentationID$/" + Prefix + r.InitName),
            new XAttribute("media", "$RepresentationID$/" + Prefix + "$Number$" + r.MediaExtension),
            new XAttribute("startNumber", r.Window.First!.Value.Number),
            timeline);
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string FrameRate(double fps)
    {
        var inv = CultureInfo.InvariantCulture;
        if (Math.Abs(fps - Math.Round(fps)) < 1e-6) return ((int)Math.Round(fps)).ToString(inv);
        // NTSC rates as fractions, e.g. 30000/1001.
        var num = (int)Math.Round(fps * 1001);
        return string.Create(inv, $"{num}/1001");
    }

    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter() : base(CultureInfo.InvariantCulture) { }
        public override System.Text.Encoding Encoding => new System.Text.UTF8Encoding(false);
    }
}
