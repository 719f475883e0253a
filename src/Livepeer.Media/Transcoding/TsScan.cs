namespace Livepeer.Media.Transcoding;

/// <summary>
/// A read-only pass over an MPEG-TS segment that finds its video/audio streams (PAT/PMT) and checks that the first video
/// access unit is a keyframe (H.264 IDR / HEVC IRAP), so bad segments fail fast with a typed error without an ffprobe run.
/// </summary>
internal static class TsScan
{
    private const int PacketSize = 188;

    /// <summary>Validates the segment; returns (video codec, audio codec) or throws <see cref="TranscodeException"/>.</summary>
    public static (string Video, string? Audio) Check(ReadOnlySpan<byte> ts)
    {
        if (ts.Length < PacketSize || ts[0] != 0x47 || (ts.Length >= 2 * PacketSize && ts[PacketSize] != 0x47))
            throw new TranscodeException(TranscodeError.CorruptInput, "The segment is not MPEG-TS (no 0x47 sync byte every 188 bytes); send a complete TS segment that starts with PAT/PMT.");
        int pmtPid = -1, videoPid = -1, audioPid = -1, videoType = -1, audioType = -1;
        var firstPes = new List<byte>();
        bool collecting = false, done = false;
        for (int off = 0; off + PacketSize <= ts.Length && !done; off += PacketSize)
        {
            var p = ts.Slice(off, PacketSize);
            if (p[0] != 0x47)
                throw new TranscodeException(TranscodeError.CorruptInput, $"Lost MPEG-TS sync at byte {off}; the segment is damaged.");
            bool pusi = (p[1] & 0x40) != 0;
            int pid = ((p[1] & 0x1F) << 8) | p[2];
            int afc = (p[3] >> 4) & 3;
            int start = 4;
            if (afc is 2 or 3) start += 1 + p[4];
            if (afc is 0 or 2 || start >= PacketSize) continue;
            var payload = p[start..];
            if (pid == 0 && pusi && pmtPid < 0)
            {
                var sec = Section(payload);
                for (int i = 8; i + 4 <= sec.Length - 4; i += 4)
                {
                    int program = (sec[i] << 8) | sec[i + 1];
                    if (program != 0) { pmtPid = ((sec[i + 2] & 0x1F) << 8) | sec[i + 3]; break; }
                }
            }
            else if (pid == pmtPid && pusi && videoPid < 0 && audioPid < 0)
            {
                var sec = Section(payload);
                if (sec.Length < 12) continue;
                int infoLen = ((sec[10] & 0x0F) << 8) | sec[11];
                for (int i = 12 + infoLen; i + 5 <= sec.Length - 4;)
                {
                    int type = sec[i], esPid = ((sec[i + 1] & 0x1F) << 8) | sec[i + 2];
                    int esInfo = ((sec[i + 3] & 0x0F) << 8) | sec[i + 4];
                    if (videoPid < 0 && type is 0x1B or 0x24 or 0x01 or 0x02 or 0x10) { videoPid = esPid; videoType = type; }
                    else if (audioPid < 0 && type is 0x0F or 0x11 or 0x03 or 0x04 or 0x81) { audioPid = esPid; audioType = type; }
                    i += 5 + esInfo;
                }
                if (videoPid < 0)
                    throw new TranscodeException(TranscodeError.NoFrames, audioPid >= 0
                        ? "The segment has audio but no video stream; there is nothing to transcode into video renditions."
                        : "The segment's program has no video stream this transcoder can decode (H.264, HEVC, MPEG-2, MPEG-4).");
            }
            else if (pid == videoPid)
            {
                if (pusi && collecting) { done = true; break; }
                if (pusi) collecting = true;
                if (collecting) foreach (var b in payload) firstPes.Add(b);
            }
        }
        if (pmtPid < 0 || videoPid < 0)
            throw new TranscodeException(TranscodeError.NoFrames, "The segment has no PAT/PMT describing a video stream (empty or truncated segment).");
        if (firstPes.Count < 9)
            throw new TranscodeException(TranscodeError.NoFrames, "The segment's video stream has no frames (zero-frame segment).");
        var video = videoType switch { 0x1B => "h264", 0x24 => "hevc", 0x10 => "mpeg4", _ => "mpeg2video" };
        string? audio = audioType switch { -1 => null, 0x0F => "aac", 0x11 => "aac_latm", 0x81 => "ac3", _ => "mp3" };
        if (videoType is 0x1B or 0x24)
            CheckKeyframe(firstPes, videoType == 0x24);
        return (video, audio);
    }

    private static ReadOnlySpan<byte> Section(ReadOnlySpan<byte> payload)
    {
        int pointer = payload[0];
        if (1 + pointer + 3 > payload.Length) return [];
        var s = payload[(1 + pointer)..];
        int len = ((s[1] & 0x0F) << 8) | s[2];
        return s[..Math.Min(s.Length, 3 + len)];
    }

    private static void CheckKeyframe(List<byte> pes, bool hevc)
    {
        if (pes[0] != 0 || pes[1] != 0 || pes[2] != 1)
            throw new TranscodeException(TranscodeError.CorruptInput, "The first video packet does not start a PES header; the segment is damaged.");
        int i = 9 + pes[8];
        // Walk Annex B NAL units until the first picture (VCL) unit.
        for (; i + 3 < pes.Count; i++)
        {
            if (pes[i] != 0 || pes[i + 1] != 0 || pes[i + 2] != 1) continue;
            int header = pes[i + 3];
            if (hevc)
            {
                int type = (header >> 1) & 0x3F;
                if (type is >= 16 and <= 23) return;
                if (type < 16) throw NoKey();
            }
            else
            {
                int type = header & 0x1F;
                if (type == 5) return;
                if (type is >= 1 and <= 4) throw NoKey();
            }
            i += 3;
        }
        throw new TranscodeException(TranscodeError.NoFrames, "The first video packet holds no picture; the segment has no decodable frame.");

        static TranscodeException NoKey() => new(TranscodeError.NoKeyframe,
            "The segment does not start with a keyframe (IDR); cut segments at keyframes so each decodes on its own.");
    }
}
