using System.Globalization;
using Livepeer.Media.Transcoding;
using Microsoft.AspNetCore.Http;

namespace Livepeer.Media.Http;

/// <summary>A multipart/mixed response with one part per rendition, as go-livepeer answers a push with Accept: multipart/mixed.</summary>
public sealed class MultipartRenditions(IReadOnlyList<RenditionSegment> renditions, long sequence) : IResult
{
    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var boundary = "livepeer-" + Guid.NewGuid().ToString("N");
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = $"multipart/mixed; boundary={boundary}";
        var body = response.Body;
        foreach (var r in renditions)
        {
            // go-livepeer's part headers: the file is "<profile>_<seq>.<ext>", named in the Content-Type and the Content-Disposition.
            var name = $"{r.Profile.Name}_{sequence}.{r.Extension}";
            var header = string.Create(CultureInfo.InvariantCulture,
                $"--{boundary}\r\nContent-Type: {r.ContentType}; name=\"{name}\"\r\nContent-Disposition: attachment; filename=\"{name}\"\r\nContent-Length: {r.Data.Length}\r\nRendition-Name: {r.Profile.Name}\r\nPixels: {r.Pixels}\r\n\r\n");
            await body.WriteAsync(System.Text.Encoding.ASCII.GetBytes(header), httpContext.RequestAborted).ConfigureAwait(false);
            await body.WriteAsync(r.Data, httpContext.RequestAborted).ConfigureAwait(false);
            await body.WriteAsync("\r\n"u8.ToArray(), httpContext.RequestAborted).ConfigureAwait(false);
        }
        await body.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"--{boundary}--\r\n"), httpContext.RequestAborted).ConfigureAwait(false);
    }
}
