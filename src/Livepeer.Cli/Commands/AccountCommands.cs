using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Livepeer.Cli.Passwords;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Core.Keystores;

namespace Livepeer.Cli.Commands;

/// <summary>`livepeer account new | list | show | sign-message | verify-message`: keys in &lt;datadir&gt;/keystore.</summary>
public static class AccountCommands
{
    /// <summary>Builds the command tree.</summary>
    public static Command Create(GlobalOptions globals)
    {
        ArgumentNullException.ThrowIfNull(globals);
        var passwordFile = new Option<string?>("--password-file")
        {
            Description = $"Read the password from the first line of FILE (else ${PasswordSource.EnvironmentVariable}, else a prompt)",
            HelpName = "FILE",
        };
        var account = new Command("account", "Manage accounts: keys kept encrypted in <datadir>/keystore (geth-compatible files)");
        account.Subcommands.Add(New(globals, passwordFile));
        account.Subcommands.Add(List(globals));
        account.Subcommands.Add(Show(globals));
        account.Subcommands.Add(SignMessage(globals, passwordFile));
        account.Subcommands.Add(VerifyMessage(globals));
        return account;
    }

    private static Command New(GlobalOptions globals, Option<string?> passwordFile)
    {
        var lightKdf = new Option<bool>("--light-kdf") { Description = "Use light scrypt (n=4096) for devnets and tests instead of the standard n=262144" };
        var command = new Command("new", "Create a new account: a random key, encrypted with a password") { passwordFile, lightKdf };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var store = Store(parse, globals, parse.GetValue(lightKdf) ? KeyDerivation.Light : KeyDerivation.Standard);
            var password = PasswordSource.Read(parse.GetValue(passwordFile), "Password for the new account: ", confirm: true);
            var created = store.NewAccount(password);
            if (parse.GetValue(globals.Json))
            {
                Print(new JsonObject { ["address"] = created.Address.ToString(), ["keystore"] = created.Path });
            }
            else
            {
                Console.WriteLine($"Address:  {created.Address}");
                Console.WriteLine($"Keystore: {created.Path}");
                Console.WriteLine("Keep the password safe: without it the key in this file cannot be used.");
            }
            return 0;
        }));
        return command;
    }

    private static Command List(GlobalOptions globals)
    {
        var command = new Command("list", "List the accounts in the keystore");
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var store = Store(parse, globals);
            var problems = new List<string>();
            var accounts = store.List(problems);
            foreach (var problem in problems) Console.Error.WriteLine($"warning: skipped {problem}");
            if (parse.GetValue(globals.Json))
            {
                Print(new JsonArray(accounts.Select(a => (JsonNode)new JsonObject { ["address"] = a.Address.ToString(), ["keystore"] = a.Path }).ToArray()));
            }
            else if (accounts.Count == 0)
            {
                Console.WriteLine($"No accounts in {store.Directory}. Create one with: livepeer account new");
            }
            else
            {
                for (var i = 0; i < accounts.Count; i++) Console.WriteLine($"#{i}: {accounts[i].Address}  {accounts[i].Path}");
            }
            return 0;
        }));
        return command;
    }

    private static Command Show(GlobalOptions globals)
    {
        var address = AddressArgument();
        var command = new Command("show", "Show an account's keystore file and key derivation (no password needed)") { address };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var store = Store(parse, globals);
            var found = Find(store, ParseAddress(parse.GetValue(address)));
            var kdf = KeystoreFile.ReadKdf(File.ReadAllText(found.Path));
            if (parse.GetValue(globals.Json))
            {
                Print(new JsonObject { ["address"] = found.Address.ToString(), ["keystore"] = found.Path, ["kdf"] = kdf });
            }
            else
            {
                Console.WriteLine($"Address:  {found.Address}");
                Console.WriteLine($"Keystore: {found.Path}");
                Console.WriteLine($"KDF:      {kdf}");
            }
            return 0;
        }));
        return command;
    }

    private static Command SignMessage(GlobalOptions globals, Option<string?> passwordFile)
    {
        var address = AddressArgument();
        var message = new Argument<string>("message") { Description = "The text to sign (UTF-8), as an EIP-191 personal message" };
        var command = new Command("sign-message", "Sign a text message with an account (EIP-191, as wallets' personal_sign)") { address, message, passwordFile };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var store = Store(parse, globals);
            var signer = ParseAddress(parse.GetValue(address));
            var text = parse.GetValue(message)!;
            Find(store, signer);
            var password = PasswordSource.Read(parse.GetValue(passwordFile), $"Password for {signer}: ", confirm: false);
            using var key = store.Unlock(signer, password);
            var signature = PersonalMessage.Sign(key, text);
            if (parse.GetValue(globals.Json))
                Print(new JsonObject { ["address"] = signer.ToString(), ["message"] = text, ["signature"] = signature.ToString() });
            else
                Console.WriteLine(signature);
            return 0;
        }));
        return command;
    }

    private static Command VerifyMessage(GlobalOptions globals)
    {
        var address = AddressArgument();
        var message = new Argument<string>("message") { Description = "The text that was signed" };
        var signatureArgument = new Argument<string>("signature") { Description = "The 65-byte signature as 0x-prefixed hex (r|s|v)" };
        var command = new Command("verify-message", "Check that an address signed a text message (exit 0 if valid, 1 if not)") { address, message, signatureArgument };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var expected = ParseAddress(parse.GetValue(address));
            var text = parse.GetValue(message)!;
            Signature signature;
            try { signature = Signature.Parse(parse.GetValue(signatureArgument)!); }
            catch (InvalidSignatureException e) { throw new CliException($"Invalid signature: {e.Message}"); }
            var recovered = PersonalMessage.Recover(text, signature);
            var valid = recovered == expected;
            if (parse.GetValue(globals.Json))
                Print(new JsonObject { ["valid"] = valid, ["address"] = expected.ToString(), ["recovered"] = recovered.ToString() });
            else if (valid)
                Console.WriteLine($"Valid: signed by {expected}");
            else
                Console.WriteLine($"Invalid: this signature was made by {recovered}, not {expected}");
            return valid ? 0 : CliException.Failure;
        }));
        return command;
    }

    private static Argument<string> AddressArgument() => new("address") { Description = "The account address (0x..., EIP-55 checksum checked when mixed case)" };

    private static Address ParseAddress(string? text)
    {
        try { return Address.Parse(text ?? ""); }
        catch (FormatException e) { throw new CliException($"Invalid address: {e.Message}", CliException.Usage); }
    }

    private static KeystoreAccount Find(KeyStore store, Address address) =>
        store.Find(address) ?? throw new CliException($"No account {address} in {store.Directory}. See: livepeer account list");

    private static KeyStore Store(ParseResult parse, GlobalOptions globals, KeyDerivation? kdf = null) =>
        new(Path.Combine(parse.GetValue(globals.DataDir)!, "keystore"), TimeProvider.System, kdf);

    private static void Print(JsonNode node) => Console.WriteLine(node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
}
