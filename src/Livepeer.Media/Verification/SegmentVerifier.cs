using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Livepeer.Media.Codecs;
using Livepeer.Media.Transcoding;

namespace Livepeer.Media.Verification;

/// <summary>
/// Checks an orchestrator's renditions of a source segment: always measures each one (codec, resolution, frame rate, pixels
/// against the claim, audio present), from the container on most segments and by decoding on sampled ones; on sampled segments also compares it with a reference made from the source (SSIM,
/// per-tile signed difference, black and frozen frames relative to the reference, audio correlation). Bad renditions become failures, never exceptions.
/// Holds no per-call state, so one instance can verify many segments concurrently.
/// </summary>
public sealed class SegmentVerifier
{
    private readonly VerificationOptions _options;
    private readonly TimeProvider _time;
    private readonly byte[] _seed;

    /// <summary>Creates a verifier; ffmpeg and ffprobe are located through <see cref="VerificationOptions.FfmpegPath"/>/<see cref="VerificationOptions.FfprobePath"/>.</summary>
    public SegmentVerifier(VerificationOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = time ?? TimeProvider.System;
        _seed = Encoding.UTF8.GetBytes(options.SamplingSeed);
    }

    /// <summary>The options in use.</summary>
    public VerificationOptions Options => _options;

    /// <summary>
    /// Whether segment (<paramref name="stream"/>, <paramref name="seq"/>) gets the perceptual check: SHA-256 of the seed, stream
    /// and sequence read as a fraction in [0, 1), below <see cref="VerificationOptions.PerceptualShare"/>. Deterministic, so a
    /// broadcaster and an independent verifier with the same seed pick the same segments; unpredictable without the seed.
    /// </summary>
    public bool SamplesPerceptually(string stream, long seq)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (_options.PerceptualShare >= 1) return true;
        if (_options.PerceptualShare <= 0) return false;
        var input = new byte[_seed.Length + 1 + Encoding.UTF8.GetByteCount(stream) + 1 + 8];
        _seed.CopyTo(input, 0);
        int at = _seed.Length + 1;
        at += Encoding.UTF8.GetBytes(stream, 0, stream.Length, input, at) + 1;
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(input.AsSpan(at), seq);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        ulong x = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11;
        return x * (1.0 / (1UL << 53)) < _options.PerceptualShare;
    }

    /// <summary>
    /// Pixel/format checks always; perceptual checks when <paramref name="perceptual"/> is true. Never throws for bad
    /// renditions (they are failures); throws <see cref="OperationCanceledException"/> on cancellation,
    /// <see cref="VerificationUnavailableException"/> when ffmpeg/ffprobe cannot be started, and
    /// <see cref="ArgumentException"/> when <paramref name="source"/> is not an MPEG-TS segment with video.
    /// </summary>
    public async Task<VerificationReport> VerifyAsync(ReadOnlyMemory<byte> source, IReadOnlyList<RenditionUnderTest> renditions, bool perceptual, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(renditions);
        var started = _time.GetTimestamp();
        bool sourceAudio;
        try { sourceAudio = TsScan.Check(source.Span).Audio is not null; }
        catch (TranscodeException e) { throw new ArgumentException($"The source segment cannot be verified against: {e.Message}", nameof(source), e); }

        // Sampled segments (and FormatCheckMode.Decode) decode every rendition with ffprobe; the rest read the containers and
        // need neither a process nor a working directory.
        bool decode = perceptual || _options.FormatCheck switch
        {
            FormatCheckMode.Container => false,
            FormatCheckMode.Decode => true,
            _ => throw new InvalidOperationException($"Unknown FormatCheck {_options.FormatCheck}."),
        };
        if (!decode)
        {
            var states = new List<RenditionState>(renditions.Count);
            for (int i = 0; i < renditions.Count; i++)
            {
                ct.ThrowIfCancellationRequested();
                states.Add(CheckContainer(renditions[i], i, sourceAudio));
            }
            return new VerificationReport(states.Select(s => s.Result()).ToList()) { Perceptual = false, Elapsed = _time.GetElapsedTime(started) };
        }

        var dir = Path.Combine(_options.TempDirectory, "livepeer-verify-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var states = new List<RenditionState>(renditions.Count);
            for (int i = 0; i < renditions.Count; i++)
                states.Add(await CheckFormatAsync(renditions[i], i, dir, sourceAudio, ct).ConfigureAwait(false));
            if (perceptual)
            {
                var sourcePath = Path.Combine(dir, "source.ts");
                await File.WriteAllBytesAsync(sourcePath, source, ct).ConfigureAwait(false);
                var decodable = states.Where(s => s.Probe is not null).ToList();
                // One run for all renditions decodes the source once; if it fails, run them one by one so the failure lands
                // on the rendition that caused it.
                if (decodable.Count > 0
                    && (decodable.Count == 1 || !await CompareAsync(sourcePath, decodable, dir, blame: false, ct).ConfigureAwait(false)))
                {
                    foreach (var s in decodable) await CompareAsync(sourcePath, [s], dir, blame: true, ct).ConfigureAwait(false);
                }
            }
            return new VerificationReport(states.Select(s => s.Result()).ToList()) { Perceptual = perceptual, Elapsed = _time.GetElapsedTime(started) };
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>What is known about one rendition while it is being verified.</summary>
    private sealed class RenditionState(RenditionUnderTest rendition, string tag)
    {
        public RenditionUnderTest Rendition { get; } = rendition;
        public string Tag { get; } = tag;
        public List<VerificationFailure> Failures { get; } = [];
        public RenditionProbe? Probe { get; set; }
        public string Path { get; set; } = "";
        public bool CompareAudio { get; set; }
        public PerceptualScores? Scores { get; set; }
        public TileBias? Tiles { get; set; }
        public double? AudioCorrelation { get; set; }

        public void Fail(VerificationCheck check, string reason) => Failures.Add(new VerificationFailure(Rendition.Profile.Name, check, reason));

        public RenditionVerification Result() => new(Rendition.Profile.Name, Probe?.Pixels ?? 0, Scores?.MeanSsim, Failures)
        {
            MeasuredFrames = Probe?.Frames ?? 0,
            MinWindowSsim = Scores?.MinWindowSsim,
            MedianSsim = Scores?.MedianSsim,
            TileBias = Tiles?.Excess,
            AudioCorrelation = AudioCorrelation,
            BlackFrames = Scores?.BlackFrames ?? 0,
            FrozenFrames = Scores?.FrozenFrames ?? 0,
        };
    }

    /// <summary>The pixel/format checks from the container alone (<see cref="ContainerProbe"/>); a malformed container is a Decode failure.</summary>
    private RenditionState CheckContainer(RenditionUnderTest r, int index, bool sourceAudio)
    {
        ArgumentNullException.ThrowIfNull(r);
        var state = new RenditionState(r, index.ToString(CultureInfo.InvariantCulture));
        if (r.Data.IsEmpty)
        {
            state.Fail(VerificationCheck.Decode, "the rendition is empty (0 bytes)");
            return state;
        }
        var container = FfmpegCommand.ContainerFor(r.Profile.Codec);
        try
        {
            state.Probe = ContainerProbe.Read(container, r.Data.Span);
        }
        catch (FormatException e)
        {
            state.Fail(VerificationCheck.Decode, $"the rendition's {container} container cannot be read: {e.Message}");
            return state;
        }
        CheckProbe(state, container, sourceAudio);
        return state;
    }

    private async Task<RenditionState> CheckFormatAsync(RenditionUnderTest r, int index, string dir, bool sourceAudio, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var p = r.Profile;
        var state = new RenditionState(r, index.ToString(CultureInfo.InvariantCulture));
        if (r.Data.IsEmpty)
        {
            state.Fail(VerificationCheck.Decode, "the rendition is empty (0 bytes)");
            return state;
        }
        var container = FfmpegCommand.ContainerFor(p.Codec);
        state.Path = Path.Combine(dir, $"rendition{state.Tag}.{ContainerTable.Of(container).Extension}");
        await File.WriteAllBytesAsync(state.Path, r.Data, ct).ConfigureAwait(false);

        var probeRun = await RunAsync(_options.FfprobePath, RenditionProbe.Arguments(state.Path), ct).ConfigureAwait(false);
        if (probeRun.Error is { } timeout)
        {
            state.Fail(VerificationCheck.Decode, timeout);
            return state;
        }
        var run = probeRun.Run!;
        RenditionProbe probe;
        try
        {
            if (run.ExitCode != 0) throw new FormatException($"ffprobe exit {run.ExitCode}: {ProcessRun.Tail(run.StandardError, 3)}");
            probe = RenditionProbe.Parse(run.StandardOutput);
        }
        catch (FormatException e)
        {
            state.Fail(VerificationCheck.Decode, $"the rendition does not decode: {e.Message}");
            return state;
        }
        state.Probe = probe;
        if (run.StandardError.Trim().Length > 0)
            state.Fail(VerificationCheck.Decode, $"the decoder reported errors: {ProcessRun.Tail(run.StandardError, 3)}");
        CheckProbe(state, container, sourceAudio);
        return state;
    }

    /// <summary>Codec, resolution, frame rate, pixels against the claim, and audio, from what was measured (decoded or read from the container).</summary>
    private void CheckProbe(RenditionState state, OutputContainer container, bool sourceAudio)
    {
        var probe = state.Probe!;
        var r = state.Rendition;
        var p = r.Profile;
        string wantCodec = CodecTable.Of(p.Codec).ProbeName;
        if (probe.VideoCodec != wantCodec)
            state.Fail(VerificationCheck.Decode, $"video codec is {probe.VideoCodec}, the profile asks for {wantCodec}");
        if (probe.Width != p.Width || probe.Height != p.Height || probe.SizeChanges)
            state.Fail(VerificationCheck.Resolution, $"frames are {probe.Width}x{probe.Height}{(probe.SizeChanges ? " (size changes mid-segment)" : "")}, the profile asks for {p.Width}x{p.Height}");
        if (p.FrameRate is { } fps && probe.FrameRate is { } measured && Math.Abs(measured - fps) > fps * _options.FrameRateTolerance)
            state.Fail(VerificationCheck.FrameRate, string.Create(CultureInfo.InvariantCulture, $"frame rate is {measured:0.##} fps, the profile asks for {fps:0.##}"));
        double slack = _options.PixelToleranceFrames * p.Width * p.Height;
        if (Math.Abs(probe.Pixels - r.ClaimedPixels) > slack)
            state.Fail(VerificationCheck.Pixels, string.Create(CultureInfo.InvariantCulture,
                $"measured {probe.Pixels} pixels ({probe.Frames} frames), the orchestrator claimed {r.ClaimedPixels} ({(double)r.ClaimedPixels / ((long)p.Width * p.Height):0.##} frames at {p.Width}x{p.Height})"));
        bool audioExpected = sourceAudio && ContainerTable.Of(container).CarriesAac;
        if (audioExpected && !probe.HasAudio)
            state.Fail(VerificationCheck.Audio, "the source has audio but the rendition has none");
        state.CompareAudio = audioExpected && probe.HasAudio;
    }

    /// <summary>
    /// Runs the perceptual comparison for <paramref name="states"/> and records its failures. Returns false when ffmpeg
    /// failed; with <paramref name="blame"/> that is recorded as the rendition's Decode failure.
    /// </summary>
    private async Task<bool> CompareAsync(string sourcePath, IReadOnlyList<RenditionState> states, string dir, bool blame, CancellationToken ct)
    {
        var inv = CultureInfo.InvariantCulture;
        var o = _options;
        var items = states.Select(s => new PerceptualItem(s.Path, s.Rendition.Profile, s.CompareAudio, s.Tag)).ToList();
        var compare = await RunAsync(o.FfmpegPath, PerceptualCommand.Build(sourcePath, items, dir, o), ct).ConfigureAwait(false);
        string Stats(Func<string, string> name, RenditionState s) => Path.Combine(dir, name(s.Tag));
        if (compare.Error is { } err || compare.Run!.ExitCode != 0
            || states.Any(s => !File.Exists(Stats(PerceptualCommand.ReferenceStats, s)) || !File.Exists(Stats(PerceptualCommand.RenditionStats, s))
                || (o.TileGrid > 0 && !File.Exists(Stats(PerceptualCommand.RenditionTiles, s)))))
        {
            if (blame)
                foreach (var s in states)
                    s.Fail(VerificationCheck.Decode, $"comparing with the source failed: {compare.Error ?? ProcessRun.Tail(compare.Run!.StandardError, 3)}");
            return false;
        }
        var refPcm = Path.Combine(dir, PerceptualCommand.ReferenceAudio);
        short[]? sourceSamples = null;
        foreach (var s in states)
        {
            var scores = PerceptualScores.From(
                FrameMetadata.Parse(await File.ReadAllTextAsync(Stats(PerceptualCommand.ReferenceStats, s), ct).ConfigureAwait(false)),
                FrameMetadata.Parse(await File.ReadAllTextAsync(Stats(PerceptualCommand.RenditionStats, s), ct).ConfigureAwait(false)), o);
            s.Scores = scores;
            if (scores.MeanSsim < o.MinMeanSsim || scores.MinWindowSsim < o.MinWindowSsim)
                s.Fail(VerificationCheck.Perceptual, string.Create(inv,
                    $"SSIM against the source is mean {scores.MeanSsim:0.###}, lowest {o.SsimWindowFrames}-frame window {scores.MinWindowSsim:0.###} (need {o.MinMeanSsim} and {o.MinWindowSsim})"));
            if (scores.MedianSsim - scores.MinWindowSsim > o.MaxSsimDrop)
                s.Fail(VerificationCheck.Perceptual, string.Create(inv,
                    $"SSIM dips from the segment's median {scores.MedianSsim:0.###} to {scores.MinWindowSsim:0.###} over {o.SsimWindowFrames} frames (more than {o.MaxSsimDrop}): part of the segment differs from the source"));
            var tiles = o.TileGrid > 0 ? TileBias.From(await File.ReadAllBytesAsync(Stats(PerceptualCommand.RenditionTiles, s), ct).ConfigureAwait(false), o.TileGrid) : null;
            s.Tiles = tiles;
            if (tiles is not null && tiles.Excess > o.MaxTileBias)
                s.Fail(VerificationCheck.LocalDifference, string.Create(inv,
                    $"one region differs from the source on most frames (tile row {tiles.Row}, column {tiles.Column} of {o.TileGrid}x{o.TileGrid} is {tiles.Excess:0.#} luma levels off beyond the typical tile, more than {o.MaxTileBias}): an overlay, watermark or burned-in text"));
            if (Math.Abs(scores.RenditionFrames - scores.ReferenceFrames) > o.PixelToleranceFrames)
                s.Fail(VerificationCheck.FrameRate, $"the rendition has {scores.RenditionFrames} frames, the source at the profile's rate has {scores.ReferenceFrames}");
            if (scores.BlackFrames > o.MaxBlackFrames)
                s.Fail(VerificationCheck.BlackFrames, $"{scores.BlackFrames} black frames where the source has picture (tolerated {o.MaxBlackFrames})");
            if (scores.FrozenFrames > o.MaxFrozenFrames)
                s.Fail(VerificationCheck.FrozenFrames, $"{scores.FrozenFrames} frozen frames where the source moves (tolerated {o.MaxFrozenFrames})");
            if (!s.CompareAudio) continue;

            sourceSamples ??= File.Exists(refPcm) ? AudioSimilarity.FromS16Le(await File.ReadAllBytesAsync(refPcm, ct).ConfigureAwait(false)) : [];
            var renPcm = Stats(PerceptualCommand.RenditionAudio, s);
            var b = File.Exists(renPcm) ? AudioSimilarity.FromS16Le(await File.ReadAllBytesAsync(renPcm, ct).ConfigureAwait(false)) : [];
            double rmsA = AudioSimilarity.Rms(sourceSamples), rmsB = AudioSimilarity.Rms(b);
            if (rmsA < o.AudioSilenceRms && rmsB < o.AudioSilenceRms)
            {
                s.AudioCorrelation = 1;
                continue;
            }
            double correlation = rmsA < o.AudioSilenceRms || rmsB < o.AudioSilenceRms ? 0
                : AudioSimilarity.Correlation(sourceSamples, b, o.AudioMaxLagMs * o.AudioSampleRate / 1000);
            s.AudioCorrelation = correlation;
            if (correlation < o.MinAudioCorrelation)
                s.Fail(VerificationCheck.Audio, string.Create(inv,
                    $"the audio is not the source's: correlation {correlation:0.###} (need {o.MinAudioCorrelation}), RMS {rmsB:0.####} vs source {rmsA:0.####}"));
        }
        return true;
    }

    /// <summary>Runs a tool; a timeout comes back as an error text (the rendition's fault), a missing binary as an exception.</summary>
    private async Task<(ProcessRun? Run, string? Error)> RunAsync(string file, IEnumerable<string> args, CancellationToken ct)
    {
        try
        {
            return (await ProcessRun.RunAsync(file, args, _options.Timeout, ct).ConfigureAwait(false), null);
        }
        catch (TranscodeException e) when (e.Error == TranscodeError.Timeout)
        {
            return (null, $"{Path.GetFileName(file)} did not finish within {_options.Timeout.TotalSeconds:0.#} s");
        }
        catch (TranscodeException e) when (e.Error is TranscodeError.EncoderMissing or TranscodeError.FfmpegFailed)
        {
            throw new VerificationUnavailableException(
                $"Cannot run {file} for segment verification: {e.Message} Install ffmpeg (which includes ffprobe), e.g. `apt install ffmpeg`, or set VerificationOptions.FfmpegPath/FfprobePath.", e);
        }
    }
}
