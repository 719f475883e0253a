using Livepeer.Media.Profiles;
using Livepeer.Node.Broadcaster;

namespace Livepeer.Node.Tests.Overload;

/// <summary>The broadcaster lightens a falling-behind stream's ladder, most expensive rendition first, and restores it when it keeps up.</summary>
public sealed class LadderGovernorTests
{
    private static readonly IReadOnlyList<VideoProfile> Ladder =
        [new("mid", 480, 270, 600_000, 30, 1, 2), new("low", 320, 180, 300_000, 30, 1, 2), new("tiny", 160, 90, 100_000, 15, 1, 2)];

    private static readonly TimeSpan Two = TimeSpan.FromSeconds(2);

    [Fact]
    public void TwoLateSegmentsDropTheTopRenditionAndALadderThatWouldKeepUpComesBack()
    {
        var governor = new LadderGovernor(lateToDrop: 2, onTimeToRestore: 3);
        var changes = new List<(LadderState State, bool Lightened)>();
        governor.Changed += (_, state, lightened) => changes.Add((state, lightened));

        governor.Transcoded("s", 0, Ladder, TimeSpan.FromMilliseconds(2100), Two);
        Assert.Equal(Ladder, governor.Ladder("s", Ladder)); // one late segment is no trend
        governor.Transcoded("s", 1, Ladder, TimeSpan.FromMilliseconds(2001), Two);
        Assert.Equal(["low", "tiny"], governor.Ladder("s", Ladder).Select(p => p.Name));
        var state = governor.State("s");
        Assert.Equal(["mid"], state.Dropped);
        Assert.Equal(1, state.LightenedAtSeq);
        Assert.Contains("late", state.Reason);
        Assert.True(Assert.Single(changes).Lightened);

        // Fast with the lighter ladder, but the full one (3x its pixel rate) would not fit: 900 ms x 3 > 2 s, mid stays out.
        for (var seq = 2; seq < 8; seq++) governor.Transcoded("s", seq, Ladder, TimeSpan.FromMilliseconds(900), Two);
        Assert.Equal(["mid"], governor.State("s").Dropped);
        // Fast enough that the full ladder would fit (600 ms x 3 <= 2 s), three times in a row: mid comes back.
        governor.Transcoded("s", 8, Ladder, TimeSpan.FromMilliseconds(600), Two);
        governor.Transcoded("s", 9, Ladder, TimeSpan.FromMilliseconds(600), Two);
        Assert.Equal(["mid"], governor.State("s").Dropped);
        governor.Transcoded("s", 10, Ladder, TimeSpan.FromMilliseconds(600), Two);
        Assert.Equal(Ladder, governor.Ladder("s", Ladder));
        Assert.Empty(governor.State("s").Dropped);
        Assert.Null(governor.State("s").LightenedAtSeq);
        Assert.False(changes[^1].Lightened);
    }

    [Fact]
    public void MissedSegmentsCountAsLateAndTheLastRenditionIsNeverDropped()
    {
        var governor = new LadderGovernor(lateToDrop: 2, onTimeToRestore: 3);
        for (var seq = 0; seq < 20; seq++) governor.Missed("s", seq, Ladder, "timeout");
        Assert.Equal(["tiny"], governor.Ladder("s", Ladder).Select(p => p.Name)); // the cheapest stays
        Assert.Equal(["mid", "low"], governor.State("s").Dropped);
        // An on-time segment between two late ones breaks the run.
        var other = new LadderGovernor(lateToDrop: 2, onTimeToRestore: 3);
        other.Missed("t", 0, Ladder, "timeout");
        other.Transcoded("t", 1, Ladder, TimeSpan.FromMilliseconds(500), Two);
        other.Missed("t", 2, Ladder, "timeout");
        Assert.Equal(Ladder, other.Ladder("t", Ladder));
        Assert.Equal(Ladder, governor.Ladder("never-seen", Ladder));
        governor.End("s");
        Assert.Equal(Ladder, governor.Ladder("s", Ladder));
    }
}
