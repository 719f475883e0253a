using System.Globalization;
using System.Numerics;

namespace Livepeer.Core;

/// <summary>The two currencies of the network; both have 18 decimals.</summary>
public enum Token
{
    /// <summary>Livepeer Token, the staking token.</summary>
    Lpt,
    /// <summary>Ether, the payment currency.</summary>
    Eth,
}

/// <summary>An amount of LPT or ETH held in wei (10^-18), parsed from and formatted as "1.5 LPT", "0.01 ETH" or "1000 wei".</summary>
public readonly record struct TokenAmount(UInt256 Wei, Token Token)
{
    /// <summary>Decimals of both tokens.</summary>
    public const int Decimals = 18;
    private static readonly BigInteger OneToken = BigInteger.Pow(10, Decimals);

    /// <summary>Whole tokens to an amount (1 LPT = 10^18 wei).</summary>
    public static TokenAmount FromTokens(ulong tokens, Token token) => new(new UInt256(tokens * OneToken), token);

    /// <summary>Shorthand: n whole LPT.</summary>
    public static TokenAmount Lpt(ulong tokens) => FromTokens(tokens, Token.Lpt);
    /// <summary>Shorthand: n whole ETH.</summary>
    public static TokenAmount Eth(ulong tokens) => FromTokens(tokens, Token.Eth);

    /// <summary>
    /// Parses "1.5", "1.5 LPT", "0.01 ETH" or "1000 wei". A bare number is in whole tokens of <paramref name="expected"/>;
    /// a unit that names the other token is refused; more than 18 decimals, negatives and values of 2^256 wei or more are refused.
    /// </summary>
    public static TokenAmount Parse(string text, Token expected)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 0 or > 2) throw new FormatException($"'{text}' is not an amount; write e.g. '1.5 {Unit(expected)}' or '1000 wei'.");
        var number = parts[0];
        var unit = parts.Length == 2 ? parts[1] : Unit(expected);
        if (number.StartsWith('-')) throw new FormatException($"Amounts cannot be negative: '{text}'.");
        if (unit.Equals("wei", StringComparison.OrdinalIgnoreCase))
        {
            if (!UInt256.TryParse(number, out var wei) || number.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
                throw new FormatException($"'{text}': wei amounts are whole numbers below 2^256.");
            return new(wei, expected);
        }
        if (!unit.Equals(Unit(expected), StringComparison.OrdinalIgnoreCase))
            throw new FormatException($"'{text}' is in {unit}, but an amount of {Unit(expected)} is expected.");
        return new(ParseDecimal(number, text), expected);
    }

    private static UInt256 ParseDecimal(string number, string text)
    {
        var dot = number.IndexOf('.');
        var whole = dot < 0 ? number : number[..dot];
        var frac = dot < 0 ? "" : number[(dot + 1)..];
        if (whole.Length == 0 && frac.Length == 0 || !whole.All(char.IsAsciiDigit) || !frac.All(char.IsAsciiDigit))
            throw new FormatException($"'{text}' is not a decimal number.");
        if (frac.Length > Decimals) throw new FormatException($"'{text}' has more than {Decimals} decimals.");
        var w = whole.Length == 0 ? BigInteger.Zero : BigInteger.Parse(whole, NumberStyles.None, CultureInfo.InvariantCulture);
        var f = frac.Length == 0 ? BigInteger.Zero : BigInteger.Parse(frac.PadRight(Decimals, '0'), NumberStyles.None, CultureInfo.InvariantCulture);
        var wei = w * OneToken + f;
        if (wei >= BigInteger.One << 256) throw new FormatException($"'{text}' is too large: amounts are below 2^256 wei.");
        return new UInt256(wei);
    }

    /// <summary>Parses without throwing.</summary>
    public static bool TryParse(string? text, Token expected, out TokenAmount amount)
    {
        amount = default;
        if (text is null) return false;
        try { amount = Parse(text, expected); return true; }
        catch (FormatException) { return false; }
    }

    /// <summary>The decimal number without unit, trailing zeros trimmed ("1.5", "0.000000000000001").</summary>
    public string ToDecimalString()
    {
        var whole = BigInteger.DivRem(Wei.Value, OneToken, out var frac);
        if (frac.IsZero) return whole.ToString(CultureInfo.InvariantCulture);
        return whole.ToString(CultureInfo.InvariantCulture) + "." +
               frac.ToString(CultureInfo.InvariantCulture).PadLeft(Decimals, '0').TrimEnd('0');
    }

    /// <summary>"1.5 LPT".</summary>
    public override string ToString() => $"{ToDecimalString()} {Unit(Token)}";

    /// <summary>The unit symbol: LPT or ETH.</summary>
    public static string Unit(Token token) => token == Token.Lpt ? "LPT" : "ETH";
}
