using Livepeer.Media.Segmenting;

namespace Livepeer.Media.Tests.Segmenting;

public class MediaSegmentTests
{
    [Fact]
    public void DurationInMillisecondsRoundsDown() =>
        Assert.Equal(2002, new MediaSegment("s", 0, Array.Empty<byte>(), 0, 180_199, false, new SegmentTracks("h264", "aac")).DurationMs);
}
