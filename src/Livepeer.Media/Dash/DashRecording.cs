using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Livepeer.Media.Fmp4;

namespace Livepeer.Media.Dash;

/// <summary>
/// Keeps one stream's DASH output on disk beside its HLS recording (--record-dir): every init and media segment of every
/// representation under DIR/{stream}/{representation}/ (named dash-…, apart from the HLS files there), and when the
/// stream ends a static MPD, DIR/{stream}/manifest.mpd, whose SegmentTimeline lists every segment. Only the timeline is
/// kept in memory; the bytes go to disk in order on a background chain, and a failed write stops the recording
/// (<see cref="Error"/>).
/// </summary>
public sealed class DashRecording
{
    private static readonly XNamespace Ns = "urn:mpeg:dash:schema:mpd:2011";
    private readonly object _gate = new();
    private readonly List<Rep> _reps = [];
    private readonly string _prefix;
    private readonly Recording.RecordingWrites _writes = new();
    private bool _ended;

    private sealed class Rep(string id, Fmp4Track track, double frameRate, bool webm)
    {
        public string Id { get; } = id;
        public Fmp4Track Track { get; set; } = track;
        public double FrameRate { get; } = frameRate;
        public bool Webm { get; } = webm;
        public long PeakBitsPerSecond { get; set; }
        public byte[]? Init { get; set; }
        public List<(long Number, ulong Time, ulong Duration)> Segments { get; } = [];
        public string InitName => Webm ? "dash-init.webm" : "dash-init.mp4";
        public string Extension => Webm ? ".webm" : ".m4s";
    }

    /// <summary>Records into <paramref name="root"/>/<paramref name="stream"/> (the folder the HLS recording made); file names start with <paramref name="prefix"/>.</summary>
    public DashRecording(string root, string stream, string prefix)
    {
        Directory = Path.Combine(root, stream);
        _prefix = prefix;
    }

    /// <summary>The stream's recording folder.</summary>
    public string Directory { get; }

    /// <summary>The first write that failed (the recording stopped there), or null.</summary>
    public Exception? Error => _writes.Error;

    /// <summary>Completes when every write queued so far is on disk.</summary>
    public Task Completion => _writes.Completion;

    /// <summary>Records one segment of representation <paramref name="id"/> (and its init segment when new or changed).</summary>
    internal void Add(string id, Fmp4Track track, byte[] init, DashSegment segment, double frameRate, bool webm)
    {
        byte[]? newInit = null;
        string initName, file;
        lock (_gate)
        {
            if (_ended) return;
            var rep = _reps.FirstOrDefault(r => r.Id == id);
            if (rep is null) _reps.Add(rep = new Rep(id, track, frameRate, webm));
            // Only the first init is referenced by the MPD's one SegmentTemplate; a later change keeps the track's first settings.
            if (rep.Init is null) newInit = rep.Init = init;
            rep.Segments.Add((segment.Number, segment.Time, segment.Duration));
            var seconds = (double)segment.Duration / track.Timescale;
            if (seconds > 0) rep.PeakBitsPerSecond = Math.Max(rep.PeakBitsPerSecond, (long)(segment.Data.Length * 8 / seconds));
            initName = rep.InitName;
            file = $"{_prefix}dash{segment.Number}{rep.Extension}";
        }
        var data = segment.Data;
        Enqueue(() =>
        {
            if (newInit is not null) WriteFile(Path.Combine(Directory, id, _prefix + initName), newInit);
            WriteFile(Path.Combine(Directory, id, file), data);
        });
    }

    /// <summary>Closes the recording: writes the static MPD of every recorded segment. Idempotent.</summary>
    public void End()
    {
        string mpd;
        lock (_gate)
        {
            if (_ended) return;
            _ended = true;
            if (_reps.All(r => r.Segments.Count == 0)) return;
            mpd = Render();
        }
        Enqueue(() =>
        {
            var path = Path.Combine(Directory, "manifest.mpd");
            File.WriteAllText(path + ".tmp", mpd, new System.Text.UTF8Encoding(false));
            File.Move(path + ".tmp", path, overwrite: true);
        });
    }

    private void Enqueue(Action write) => _writes.Enqueue(write);

    private static void WriteFile(string path, ReadOnlyMemory<byte> data)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        file.Write(data.Span);
    }

    // The whole recording as one static period: the presentation starts where the earliest representation does.
    private string Render()
    {
        var inv = CultureInfo.InvariantCulture;
        var reps = _reps.Where(r => r.Segments.Count > 0).ToList();
        var origin = reps.Min(r => (double)r.Segments[0].Time / r.Track.Timescale);
        var end = reps.Max(r => (double)(r.Segments[^1].Time + r.Segments[^1].Duration) / r.Track.Timescale);
        string Duration(double s) => string.Create(inv, $"PT{Math.Round(s, 3):0.###}S");
        var webm = reps.Where(r => r.Webm).ToList();
        var mpd = new XElement(Ns + "MPD",
            new XAttribute("profiles", webm.Count > 0 ? "urn:mpeg:dash:profile:isoff-live:2011" : "urn:mpeg:dash:profile:isoff-live:2011,urn:mpeg:dash:profile:cmaf:2019"),
            new XAttribute("type", "static"),
            new XAttribute("minBufferTime", "PT4S"),
            new XAttribute("mediaPresentationDuration", Duration(Math.Max(0, end - origin))));
        var period = new XElement(Ns + "Period", new XAttribute("id", "0"), new XAttribute("start", "PT0S"));
        var sets = new[]
        {
            ("0", "video", "video/mp4", reps.Where(r => !r.Webm && r.Track.Handler != "soun").ToList()),
            ("2", "video", "video/webm", webm),
            ("1", "audio", "audio/mp4", reps.Where(r => !r.Webm && r.Track.Handler == "soun").ToList()),
        };
        foreach (var (id, content, mime, members) in sets.OrderBy(s => s.Item1, StringComparer.Ordinal))
        {
            if (members.Count == 0) continue;
            var set = new XElement(Ns + "AdaptationSet", new XAttribute("id", id), new XAttribute("contentType", content), new XAttribute("mimeType", mime),
                new XAttribute("segmentAlignment", "true"), new XAttribute("startWithSAP", "1"));
            foreach (var r in members)
            {
                var rep = new XElement(Ns + "Representation", new XAttribute("id", r.Id), new XAttribute("bandwidth", Math.Max(1, r.PeakBitsPerSecond)), new XAttribute("codecs", r.Track.Codec));
                if (content == "video") rep.Add(new XAttribute("width", r.Track.Width), new XAttribute("height", r.Track.Height));
                else rep.Add(new XAttribute("audioSamplingRate", r.Track.SampleRate));
                rep.Add(Template(r, origin));
                set.Add(rep);
            }
            period.Add(set);
        }
        mpd.Add(period);
        using var sw = new StringWriter(inv);
        using (var xw = XmlWriter.Create(sw, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false })) new XDocument(mpd).Save(xw);
        return sw.ToString().Replace("encoding=\"utf-16\"", "encoding=\"UTF-8\"", StringComparison.Ordinal);
    }

    private XElement Template(Rep r, double originSeconds)
    {
        var timeline = new XElement(Ns + "SegmentTimeline");
        ulong? expected = null;
        long? number = null;
        foreach (var (n, t, d) in r.Segments)
        {
            var s = new XElement(Ns + "S");
            if (expected != t) s.Add(new XAttribute("t", t));
            s.Add(new XAttribute("d", d));
            timeline.Add(s);
            expected = t + d;
            // $Number$ must run on without gaps; a skipped number (a failed write upstream) cannot happen, as numbers are given on add.
            number ??= n;
        }
        return new XElement(Ns + "SegmentTemplate",
            new XAttribute("timescale", r.Track.Timescale),
            new XAttribute("presentationTimeOffset", (ulong)Math.Round(originSeconds * r.Track.Timescale)),
            new XAttribute("initialization", "$RepresentationID$/" + _prefix + r.InitName),
            new XAttribute("media", "$RepresentationID$/" + _prefix + "dash$Number$" + r.Extension),
            new XAttribute("startNumber", number ?? 0),
            timeline);
    }
}
