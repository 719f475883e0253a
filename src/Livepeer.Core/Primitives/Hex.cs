namespace Livepeer.Core;

/// <summary>Hexadecimal encoding with the 0x prefix Ethereum tools use.</summary>
public static class Hex
{
    /// <summary>Lower-case hex with a 0x prefix.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes, bool prefix = true)
    {
        var hex = Convert.ToHexStringLower(bytes);
        return prefix ? "0x" + hex : hex;
    }

    /// <summary>Decodes hex with or without a 0x prefix; refuses odd lengths and non-hex characters.</summary>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = StripPrefix(text);
        if (s.Length % 2 != 0)
            throw new FormatException($"Hex string has an odd number of digits ({s.Length}): '{Shorten(text)}'.");
        for (var i = 0; i < s.Length; i++)
        {
            if (!char.IsAsciiHexDigit(s[i]))
                throw new FormatException($"Hex string has a non-hex character '{s[i]}' at position {i}: '{Shorten(text)}'.");
        }
        return Convert.FromHexString(s);
    }

    /// <summary>Decodes hex that must be exactly <paramref name="length"/> bytes long.</summary>
    public static byte[] DecodeExact(string text, int length, string what)
    {
        var bytes = Decode(text);
        if (bytes.Length != length)
            throw new FormatException($"{what} must be {length} bytes, got {bytes.Length}: '{Shorten(text)}'.");
        return bytes;
    }

    /// <summary>Removes a leading 0x or 0X.</summary>
    public static ReadOnlySpan<char> StripPrefix(ReadOnlySpan<char> s) =>
        s.Length >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') ? s[2..] : s;

    private static string StripPrefix(string s) => s.Length >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') ? s[2..] : s;

    internal static string Shorten(string s) => s.Length <= 80 ? s : s[..77] + "...";
}
