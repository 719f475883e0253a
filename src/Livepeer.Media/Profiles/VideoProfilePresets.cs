namespace Livepeer.Media.Profiles;

/// <summary>Livepeer's named presets (go-livepeer / LPMS), H.264 with a 2 s GOP unless a custom profile says otherwise.</summary>
public static class VideoProfilePresets
{
    private static VideoProfile P(string name, int w, int h, int kbps, int fps) => new(name, w, h, kbps * 1000L, fps, 1, 2.0);

    public static readonly VideoProfile P720p60fps16x9 = P(nameof(P720p60fps16x9), 1280, 720, 6000, 60);
    public static readonly VideoProfile P720p30fps16x9 = P(nameof(P720p30fps16x9), 1280, 720, 4000, 30);
    public static readonly VideoProfile P720p25fps16x9 = P(nameof(P720p25fps16x9), 1280, 720, 3500, 25);
    public static readonly VideoProfile P720p30fps4x3 = P(nameof(P720p30fps4x3), 960, 720, 3500, 30);
    public static readonly VideoProfile P576p30fps16x9 = P(nameof(P576p30fps16x9), 1024, 576, 1500, 30);
    public static readonly VideoProfile P576p25fps16x9 = P(nameof(P576p25fps16x9), 1024, 576, 1500, 25);
    public static readonly VideoProfile P360p30fps16x9 = P(nameof(P360p30fps16x9), 640, 360, 1200, 30);
    public static readonly VideoProfile P360p25fps16x9 = P(nameof(P360p25fps16x9), 640, 360, 1000, 25);
    public static readonly VideoProfile P360p30fps4x3 = P(nameof(P360p30fps4x3), 480, 360, 1000, 30);
    public static readonly VideoProfile P240p30fps16x9 = P(nameof(P240p30fps16x9), 426, 240, 600, 30);
    public static readonly VideoProfile P240p25fps16x9 = P(nameof(P240p25fps16x9), 426, 240, 600, 25);
    public static readonly VideoProfile P240p30fps4x3 = P(nameof(P240p30fps4x3), 320, 240, 600, 30);
    public static readonly VideoProfile P144p30fps16x9 = P(nameof(P144p30fps16x9), 256, 144, 400, 30);
    public static readonly VideoProfile P144p25fps16x9 = P(nameof(P144p25fps16x9), 256, 144, 400, 25);

    /// <summary>Every preset by its name (case-sensitive, as go-livepeer spells them).</summary>
    public static IReadOnlyDictionary<string, VideoProfile> ByName { get; } = new[]
    {
        P720p60fps16x9, P720p30fps16x9, P720p25fps16x9, P720p30fps4x3, P576p30fps16x9, P576p25fps16x9,
        P360p30fps16x9, P360p25fps16x9, P360p30fps4x3, P240p30fps16x9, P240p25fps16x9, P240p30fps4x3,
        P144p30fps16x9, P144p25fps16x9,
    }.ToDictionary(p => p.Name, StringComparer.Ordinal);

    /// <summary>The default ladder: 720p, 576p, 360p, 240p and 144p at 30 fps.</summary>
    public static IReadOnlyList<VideoProfile> DefaultLadder { get; } =
        [P720p30fps16x9, P576p30fps16x9, P360p30fps16x9, P240p30fps16x9, P144p30fps16x9];
}
