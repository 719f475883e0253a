using System.Text;

namespace Livepeer.Cli.Passwords;

/// <summary>
/// Where a keystore password comes from, in this order: --password-file FILE (its first line), the LIVEPEER_PASSWORD
/// environment variable, or an interactive prompt without echo when stdin is a terminal.
/// </summary>
public static class PasswordSource
{
    /// <summary>The environment variable that holds a password.</summary>
    public const string EnvironmentVariable = "LIVEPEER_PASSWORD";

    /// <summary>Reads a password; <paramref name="confirm"/> asks twice when prompting (for new accounts).</summary>
    public static string Read(string? passwordFile, string prompt, bool confirm)
    {
        if (passwordFile is not null)
        {
            string text;
            try { text = File.ReadAllText(passwordFile); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"Cannot read the password file '{passwordFile}': {e.Message}");
            }
            // Like geth: the password is the first line, without its line ending.
            var end = text.IndexOfAny(['\r', '\n']);
            return end < 0 ? text : text[..end];
        }
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { } fromEnvironment) return fromEnvironment;
        if (Console.IsInputRedirected)
        {
            throw new CliException(
                $"No password given and no terminal to ask for one. Use one of: --password-file FILE, the {EnvironmentVariable} environment variable, or run in a terminal to be prompted.");
        }
        var password = Prompt(prompt);
        if (confirm && Prompt("Repeat the password: ") != password) throw new CliException("The passwords do not match; nothing was created.");
        return password;
    }

    private static string Prompt(string prompt)
    {
        Console.Error.Write(prompt);
        var sb = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace)
            {
                if (sb.Length > 0) sb.Length--;
                continue;
            }
            if (key.KeyChar != '\0') sb.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return sb.ToString();
    }
}
