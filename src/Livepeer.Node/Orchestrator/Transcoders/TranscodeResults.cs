using System.Globalization;
using System.Net.Http.Headers;
using Livepeer.Wire.Segments;
using Microsoft.AspNetCore.WebUtilities;

namespace Livepeer.Node.Orchestrator.Transcoders;

/// <summary>
/// The body of POST /transcodeResults: multipart/mixed with one part per rendition (its Content-Type, Pixels and
/// Rendition-Name headers), or a plain-text error body with the error content type when the transcode failed.
/// </summary>
public static class TranscodeResults
{
    /// <summary>Content type of a body that reports a failed transcode (go-livepeer's); the body is the error message.</summary>
    public const string ErrorContentType = "livepeer/transcoding-error";

    /// <summary>The error content type this project used before, still accepted from transcoders not yet upgraded.</summary>
    public const string LegacyErrorContentType = "application/vnd+livepeer.transcode-error";

    /// <summary>Content type of a part holding the previous rendition's perceptual hash (go-livepeer's).</summary>
    public const string PerceptualHashContentType = "application/octet-stream";

    /// <summary>Builds the multipart body of a successful transcode.</summary>
    public static HttpContent Success(IReadOnlyList<TranscodedRendition> renditions)
    {
        var body = new MultipartContent("mixed");
        foreach (var r in renditions)
        {
            var part = new ByteArrayContent(r.Data);
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(r.ContentType);
            part.Headers.Add(SegmentHeaders.Pixels, r.Pixels.ToString(CultureInfo.InvariantCulture));
            part.Headers.Add(SegmentHeaders.RenditionName, r.ProfileName);
            body.Add(part);
            if (r.PerceptualHash is { } phash)
            {
                // As go-livepeer's transcoders: the rendition's perceptual hash as the part right after it.
                var hashPart = new ByteArrayContent(phash);
                hashPart.Headers.ContentType = new MediaTypeHeaderValue(PerceptualHashContentType);
                body.Add(hashPart);
            }
        }
        return body;
    }

    /// <summary>Builds the body that reports a failed transcode.</summary>
    public static HttpContent Error(string message)
    {
        var body = new StringContent(message);
        body.Headers.ContentType = new MediaTypeHeaderValue(ErrorContentType);
        return body;
    }

    /// <summary>Reads a result body: the renditions, or the transcoder's error message; throws <see cref="FormatException"/> on a malformed body.</summary>
    public static async Task<(IReadOnlyList<TranscodedRendition>? Renditions, string? Error)> ReadAsync(string? contentType, Stream body, int maxBytes, CancellationToken ct)
    {
        if (contentType is null || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var type))
            throw new FormatException("The result has no Content-Type; send multipart/mixed (or the error content type).");
        if (type.MediaType.Equals(ErrorContentType, StringComparison.OrdinalIgnoreCase) || type.MediaType.Equals(LegacyErrorContentType, StringComparison.OrdinalIgnoreCase))
        {
            using var reader = new StreamReader(body);
            var text = await reader.ReadToEndAsync(ct);
            return (null, text.Length > 1000 ? text[..1000] : text);
        }
        if (!type.MediaType.Equals(SegmentHeaders.MediaTypeMultipartMixed, StringComparison.OrdinalIgnoreCase) || type.Boundary.Length == 0)
            throw new FormatException($"The result's Content-Type is {contentType}; send multipart/mixed with a boundary.");
        var multipart = new MultipartReader(Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(type.Boundary).ToString(), body);
        var renditions = new List<TranscodedRendition>();
        long total = 0;
        while (await multipart.ReadNextSectionAsync(ct) is { } section)
        {
            var headers = section.Headers ?? throw new FormatException("A result part has no headers.");
            if (section.ContentType == PerceptualHashContentType && !headers.ContainsKey(SegmentHeaders.Pixels) && renditions.Count > 0)
            {
                using var hash = new MemoryStream();
                await section.Body.CopyToAsync(hash, ct);
                total += hash.Length;
                if (total > maxBytes) throw new FormatException($"The result is larger than {maxBytes} bytes.");
                renditions[^1] = renditions[^1] with { PerceptualHash = hash.ToArray() };
                continue;
            }
            if (!headers.TryGetValue(SegmentHeaders.Pixels, out var pixelsText) || !long.TryParse(pixelsText, NumberStyles.None, CultureInfo.InvariantCulture, out var pixels))
                throw new FormatException("A result part lacks a non-negative integer Pixels header.");
            var name = headers.TryGetValue(SegmentHeaders.RenditionName, out var n) ? n.ToString() : $"rendition{renditions.Count}";
            using var buffer = new MemoryStream();
            await section.Body.CopyToAsync(buffer, ct);
            total += buffer.Length;
            if (total > maxBytes) throw new FormatException($"The result is larger than {maxBytes} bytes.");
            renditions.Add(new TranscodedRendition(name, buffer.ToArray(), pixels, section.ContentType ?? "application/octet-stream"));
        }
        return (renditions, null);
    }
}
