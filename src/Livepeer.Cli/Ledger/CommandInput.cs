using System.Globalization;
using Livepeer.Core;

namespace Livepeer.Cli.Ledger;

/// <summary>Parses command-line values (amounts, percentages, addresses); bad input is a usage error (exit 2) saying what to write.</summary>
public static class CommandInput
{
    /// <summary>One million: parts per million of a whole.</summary>
    public const long PpmOne = 1_000_000;

    /// <summary>"1.5", "1.5 LPT", "0.01 ETH" or "1000 wei".</summary>
    public static UInt256 Amount(string? text, Token token, string what)
    {
        try { return TokenAmount.Parse(text ?? "", token).Wei; }
        catch (FormatException e) { throw new CliException($"{what}: {e.Message}", CliException.Usage); }
    }

    /// <summary>"10%" or "12.5%" (of a million), or an integer number of parts per million ("100000").</summary>
    public static long Ppm(string? text, string what)
    {
        var t = (text ?? "").Trim();
        long ppm;
        if (t.EndsWith('%'))
        {
            if (!decimal.TryParse(t[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent) || percent > 100 ||
                percent * 10_000 != decimal.Truncate(percent * 10_000))
                throw new CliException($"{what} '{text}' is not a percentage from 0% to 100% (at most 4 decimals).", CliException.Usage);
            ppm = (long)(percent * 10_000);
        }
        else if (!long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out ppm) || ppm > PpmOne)
        {
            throw new CliException($"{what} '{text}' must be a percentage like 10% or parts per million from 0 to 1000000.", CliException.Usage);
        }
        return ppm;
    }

    /// <summary>A 0x address (EIP-55 checked when mixed case).</summary>
    public static Address Address(string? text, string what)
    {
        try { return Core.Address.Parse(text ?? ""); }
        catch (FormatException e) { throw new CliException($"{what} '{text}' is not an address: {e.Message}", CliException.Usage); }
    }

    /// <summary>A ppm fraction as a percentage ("12.5%").</summary>
    public static string Percent(long ppm) => (ppm / 10_000m).ToString("0.####", CultureInfo.InvariantCulture) + "%";
}
