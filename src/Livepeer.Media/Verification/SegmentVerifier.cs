using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;

namespace Livepeer.Media.Verification;

/// <summary>
/// Checks an orchestrator's renditions of a source segment: always decodes each one (codec, resolution, frame rate, pixels
/// against the claim, audio present); on sampled segments also compares it with a reference made from the source (SSIM,
/// black and frozen frames relative to the reference, audio correlation). Bad renditions become failures, never exceptions.
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

        var dir = Path.Combine(_options.TempDirectory, "livepeer-verify-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var sourcePath = Path.Combine(dir, "source.ts");
            if (perceptual) await File.WriteAllBytesAsync(sourcePath, source, ct).ConfigureAwait(false);
            var results = new List<RenditionVerification>(renditions.Count);
            for (int i = 0; i < renditions.Count; i++)
            {
                var sub = Path.Combine(dir, i.ToString(CultureInfo.InvariantCulture));
                Directory.CreateDirectory(sub);
                results.Add(await VerifyOneAsync(sourcePath, sourceAudio, renditions[i], sub, perceptual, ct).ConfigureAwait(false));
            }
            return new VerificationReport(results) { Perceptual = perceptual, Elapsed = _time.GetElapsedTime(started) };
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private async Task<RenditionVerification> VerifyOneAsync(string sourcePath, bool sourceAudio, RenditionUnderTest r, string dir, bool perceptual, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var p = r.Profile;
        var failures = new List<VerificationFailure>();
        void Fail(VerificationCheck check, string reason) => failures.Add(new VerificationFailure(p.Name, check, reason));
        RenditionVerification Done(long pixels, long frames) => new(p.Name, pixels, null, failures) { MeasuredFrames = frames };

        if (r.Data.IsEmpty)
        {
            Fail(VerificationCheck.Decode, "the rendition is empty (0 bytes)");
            return Done(0, 0);
        }
        var container = FfmpegCommand.ContainerFor(p.Codec);
        var path = Path.Combine(dir, "rendition." + container switch { OutputContainer.MpegTs => "ts", OutputContainer.Fmp4 => "mp4", _ => "webm" });
        await File.WriteAllBytesAsync(path, r.Data, ct).ConfigureAwait(false);

        var probeRun = await RunAsync(_options.FfprobePath, RenditionProbe.Arguments(path), ct).ConfigureAwait(false);
        if (probeRun.Error is { } timeout)
        {
            Fail(VerificationCheck.Decode, timeout);
            return Done(0, 0);
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
            Fail(VerificationCheck.Decode, $"the rendition does not decode: {e.Message}");
            return Done(0, 0);
        }
        if (run.StandardError.Trim().Length > 0)
            Fail(VerificationCheck.Decode, $"the decoder reported errors: {ProcessRun.Tail(run.StandardError, 3)}");
        string wantCodec = p.Codec switch { VideoCodec.H264 => "h264", VideoCodec.Hevc => "hevc", VideoCodec.Vp8 => "vp8", VideoCodec.Vp9 => "vp9", _ => "av1" };
        if (probe.VideoCodec != wantCodec)
            Fail(VerificationCheck.Decode, $"video codec is {probe.VideoCodec}, the profile asks for {wantCodec}");
        if (probe.Width != p.Width || probe.Height != p.Height || probe.SizeChanges)
            Fail(VerificationCheck.Resolution, $"frames are {probe.Width}x{probe.Height}{(probe.SizeChanges ? " (size changes mid-segment)" : "")}, the profile asks for {p.Width}x{p.Height}");
        if (p.FrameRate is { } fps && probe.FrameRate is { } measured && Math.Abs(measured - fps) > fps * _options.FrameRateTolerance)
            Fail(VerificationCheck.FrameRate, string.Create(CultureInfo.InvariantCulture, $"frame rate is {measured:0.##} fps, the profile asks for {fps:0.##}"));
        double slack = _options.PixelToleranceFrames * p.Width * p.Height;
        if (Math.Abs(probe.Pixels - r.ClaimedPixels) > slack)
            Fail(VerificationCheck.Pixels, string.Create(CultureInfo.InvariantCulture,
                $"measured {probe.Pixels} pixels ({probe.Frames} frames), the orchestrator claimed {r.ClaimedPixels} ({(double)r.ClaimedPixels / ((long)p.Width * p.Height):0.##} frames at {p.Width}x{p.Height})"));
        bool audioExpected = sourceAudio && container != OutputContainer.WebM;
        if (audioExpected && !probe.HasAudio)
            Fail(VerificationCheck.Audio, "the source has audio but the rendition has none");

        if (!perceptual)
            return Done(probe.Pixels, probe.Frames);
        return await PerceptualAsync(sourcePath, path, dir, p, audioExpected && probe.HasAudio, probe, failures, ct).ConfigureAwait(false);
    }

    private async Task<RenditionVerification> PerceptualAsync(string sourcePath, string path, string dir, VideoProfile p, bool audio,
        RenditionProbe probe, List<VerificationFailure> failures, CancellationToken ct)
    {
        void Fail(VerificationCheck check, string reason) => failures.Add(new VerificationFailure(p.Name, check, reason));
        var inv = CultureInfo.InvariantCulture;
        var o = _options;
        var compare = await RunAsync(o.FfmpegPath, PerceptualCommand.Build(sourcePath, path, dir, p, o, audio), ct).ConfigureAwait(false);
        string refStats = Path.Combine(dir, PerceptualCommand.ReferenceStats), renStats = Path.Combine(dir, PerceptualCommand.RenditionStats);
        if (compare.Error is { } err || compare.Run!.ExitCode != 0 || !File.Exists(refStats) || !File.Exists(renStats))
        {
            Fail(VerificationCheck.Decode, $"comparing with the source failed: {compare.Error ?? ProcessRun.Tail(compare.Run!.StandardError, 3)}");
            return new RenditionVerification(p.Name, probe.Pixels, null, failures) { MeasuredFrames = probe.Frames };
        }
        var scores = PerceptualScores.From(
            FrameMetadata.Parse(await File.ReadAllTextAsync(refStats, ct).ConfigureAwait(false)),
            FrameMetadata.Parse(await File.ReadAllTextAsync(renStats, ct).ConfigureAwait(false)), o);
        if (scores.MeanSsim < o.MinMeanSsim || scores.MinWindowSsim < o.MinWindowSsim)
            Fail(VerificationCheck.Perceptual, string.Create(inv,
                $"SSIM against the source is mean {scores.MeanSsim:0.###}, lowest {o.SsimWindowFrames}-frame window {scores.MinWindowSsim:0.###} (need {o.MinMeanSsim} and {o.MinWindowSsim})"));
        if (Math.Abs(scores.RenditionFrames - scores.ReferenceFrames) > o.PixelToleranceFrames)
            Fail(VerificationCheck.FrameRate, $"the rendition has {scores.RenditionFrames} frames, the source at the profile's rate has {scores.ReferenceFrames}");
        if (scores.BlackFrames > o.MaxBlackFrames)
            Fail(VerificationCheck.BlackFrames, $"{scores.BlackFrames} black frames where the source has picture (tolerated {o.MaxBlackFrames})");
        if (scores.FrozenFrames > o.MaxFrozenFrames)
            Fail(VerificationCheck.FrozenFrames, $"{scores.FrozenFrames} frozen frames where the source moves (tolerated {o.MaxFrozenFrames})");

        double? correlation = null;
        if (audio)
        {
            string refPcm = Path.Combine(dir, PerceptualCommand.ReferenceAudio), renPcm = Path.Combine(dir, PerceptualCommand.RenditionAudio);
            var a = File.Exists(refPcm) ? AudioSimilarity.FromS16Le(await File.ReadAllBytesAsync(refPcm, ct).ConfigureAwait(false)) : [];
            var b = File.Exists(renPcm) ? AudioSimilarity.FromS16Le(await File.ReadAllBytesAsync(renPcm, ct).ConfigureAwait(false)) : [];
            double rmsA = AudioSimilarity.Rms(a), rmsB = AudioSimilarity.Rms(b);
            if (rmsA < o.AudioSilenceRms && rmsB < o.AudioSilenceRms) correlation = 1;
            else
            {
                correlation = rmsA < o.AudioSilenceRms || rmsB < o.AudioSilenceRms ? 0
                    : AudioSimilarity.Correlation(a, b, o.AudioMaxLagMs * o.AudioSampleRate / 1000);
                if (correlation < o.MinAudioCorrelation)
                    Fail(VerificationCheck.Audio, string.Create(inv,
                        $"the audio is not the source's: correlation {correlation:0.###} (need {o.MinAudioCorrelation}), RMS {rmsB:0.####} vs source {rmsA:0.####}"));
            }
        }
        return new RenditionVerification(p.Name, probe.Pixels, scores.MeanSsim, failures)
        {
            MeasuredFrames = probe.Frames,
            MinWindowSsim = scores.MinWindowSsim,
            AudioCorrelation = correlation,
            BlackFrames = scores.BlackFrames,
            FrozenFrames = scores.FrozenFrames,
        };
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
