namespace Livepeer.Node.Orchestrator.Misbehaviour;

/// <summary>Parses the test-only --misbehave option; refuses it unless the environment explicitly allows cheating.</summary>
public static class MisbehaviourSwitch
{
    /// <summary>The environment variable that must be "1" for a misbehaviour to be accepted.</summary>
    public const string AllowVariable = "LIVEPEER_ALLOW_MISBEHAVIOUR";

    /// <summary>The option values, as typed on the command line.</summary>
    public static IReadOnlyList<string> Names { get; } = ["tamper-video", "wrong-pixels", "equivocate"];

    /// <summary>
    /// The misbehaviour named by <paramref name="value"/> (null or empty: none). Throws <see cref="ArgumentException"/> for an
    /// unknown name, and when <paramref name="allowVariable"/> is not "1" (a real node must never cheat by accident).
    /// </summary>
    public static Misbehaviour Parse(string? value, string? allowVariable)
    {
        var m = ParseName(value);
        if (m != Misbehaviour.None && allowVariable != "1")
            throw new ArgumentException($"--misbehave makes this orchestrator cheat and get slashed; it is for tests only. Set {AllowVariable}=1 to allow it.");
        return m;
    }

    /// <summary>The misbehaviour named by <paramref name="value"/> (null or empty: none); throws <see cref="ArgumentException"/> for an unknown name.</summary>
    public static Misbehaviour ParseName(string? value) => value switch
    {
        null or "" => Misbehaviour.None,
        "tamper-video" => Misbehaviour.TamperVideo,
        "wrong-pixels" => Misbehaviour.WrongPixels,
        "equivocate" => Misbehaviour.Equivocate,
        _ => throw new ArgumentException($"Unknown misbehaviour '{value}': use one of {string.Join(", ", Names)}."),
    };
}
