using System.Text.Json.Nodes;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Core.Keystores;

namespace Livepeer.Cli.Tests.Commands;

public sealed class AccountCommandsTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("livepeer-cli-").FullName;
    private readonly Dictionary<string, string?> _env = new() { ["LIVEPEER_PASSWORD"] = "correct horse" };

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    private CliProcess.Result Run(params string[] args) => CliProcess.Run(_env, [.. args, "--datadir", _dataDir]);

    private Address NewAccount()
    {
        var result = Run("account", "new", "--light-kdf", "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        return Address.Parse((string)JsonNode.Parse(result.Stdout)!["address"]!);
    }

    [Fact]
    public void NewListShowSignVerify()
    {
        var address = NewAccount();
        var keystore = Path.Combine(_dataDir, "keystore");
        var file = Assert.Single(Directory.GetFiles(keystore));
        Assert.Matches(@"UTC--\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{9}Z--" + Hex.Encode(address.Bytes, false) + "$", file);
        using (var key = KeystoreFile.Decrypt(File.ReadAllText(file), "correct horse")) Assert.Equal(address, key.Address);

        var list = Run("account", "list");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains(address.ToString(), list.Stdout);
        var listJson = JsonNode.Parse(Run("account", "list", "--json").Stdout)!.AsArray();
        Assert.Equal(address.ToString(), (string)Assert.Single(listJson)!["address"]!);

        var show = Run("account", "show", address.ToString().ToLowerInvariant());
        Assert.Equal(0, show.ExitCode);
        Assert.Contains(file, show.Stdout);
        Assert.Contains("scrypt", show.Stdout);

        var signed = Run("account", "sign-message", address.ToString(), "hello livepeer");
        Assert.True(signed.ExitCode == 0, signed.Stderr);
        var signature = Signature.Parse(signed.Stdout.Trim());
        Assert.Equal(address, PersonalMessage.Recover("hello livepeer", signature));

        var verified = Run("account", "verify-message", address.ToString(), "hello livepeer", signature.ToString());
        Assert.Equal(0, verified.ExitCode);
        Assert.Contains("Valid", verified.Stdout);
        var json = JsonNode.Parse(Run("account", "verify-message", address.ToString(), "hello livepeer", signature.ToString(), "--json").Stdout)!;
        Assert.True((bool)json["valid"]!);

        var forged = Run("account", "verify-message", address.ToString(), "hello livepeer!", signature.ToString());
        Assert.Equal(1, forged.ExitCode);
        Assert.Contains("Invalid", forged.Stdout);
    }

    [Fact]
    public void PasswordFileTakesTheFirstLineAndWinsOverTheEnvironment()
    {
        var address = NewAccount();
        var passwordFile = Path.Combine(_dataDir, "password.txt");
        File.WriteAllText(passwordFile, "correct horse\nsecond line ignored\n");
        _env["LIVEPEER_PASSWORD"] = "wrong";
        var signed = Run("account", "sign-message", address.ToString(), "m", "--password-file", passwordFile);
        Assert.True(signed.ExitCode == 0, signed.Stderr);
    }

    [Fact]
    public void WrongPasswordIsAnErrorOnStderr()
    {
        var address = NewAccount();
        _env["LIVEPEER_PASSWORD"] = "wrong";
        var result = Run("account", "sign-message", address.ToString(), "m");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Wrong password", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void NoPasswordSourceAndNoTerminalNamesTheThreeOptions()
    {
        _env.Remove("LIVEPEER_PASSWORD");
        var result = Run("account", "new", "--light-kdf");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--password-file", result.Stderr);
        Assert.Contains("LIVEPEER_PASSWORD", result.Stderr);
        Assert.Contains("terminal", result.Stderr);
        Assert.False(Directory.Exists(Path.Combine(_dataDir, "keystore")) && Directory.EnumerateFiles(Path.Combine(_dataDir, "keystore")).Any());
    }

    [Fact]
    public void ErrorsAndUsageErrorsHaveTheirExitCodes()
    {
        var missing = Run("account", "show", Address.Zero.ToString());
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("No account", missing.Stderr);

        var badAddress = Run("account", "show", "0x1234");
        Assert.Equal(2, badAddress.ExitCode);
        Assert.Contains("Invalid address", badAddress.Stderr);

        var badChecksum = Run("account", "show", "0x2c7536E3605D9C16a7a3D7b1898e529396a65C23");
        Assert.Equal(2, badChecksum.ExitCode);
        Assert.Contains("checksum", badChecksum.Stderr);

        var badSignature = Run("account", "verify-message", Address.Zero.ToString(), "m", "0x1234");
        Assert.Equal(1, badSignature.ExitCode);
        Assert.Contains("65 bytes", badSignature.Stderr);

        var missingArgument = Run("account", "sign-message");
        Assert.Equal(2, missingArgument.ExitCode);
        Assert.Contains("--help", missingArgument.Stderr);

        var unknown = Run("account", "frobnicate");
        Assert.Equal(2, unknown.ExitCode);
    }

    [Theory]
    [InlineData("account")]
    [InlineData("account", "new")]
    [InlineData("account", "list")]
    [InlineData("account", "show")]
    [InlineData("account", "sign-message")]
    [InlineData("account", "verify-message")]
    public void EveryCommandHasHelp(params string[] command)
    {
        var result = CliProcess.Run(_env, [.. command, "--help"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Stdout);
    }

    [Fact]
    public void ListWithNoAccountsSaysHowToCreateOne()
    {
        var result = Run("account", "list");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("livepeer account new", result.Stdout);
    }
}
