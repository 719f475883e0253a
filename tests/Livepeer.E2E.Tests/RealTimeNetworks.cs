namespace Livepeer.E2E.Tests;

/// <summary>
/// The whole-network tests run one at a time: each is a real-time network of ffmpeg-driven nodes, and two at once on a
/// 2-core box starve each other's segments past their deadlines.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RealTimeNetworks
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Real-time networks";
}
