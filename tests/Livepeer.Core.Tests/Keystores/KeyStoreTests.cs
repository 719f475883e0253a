using Livepeer.Core.Crypto;
using Livepeer.Core.Keystores;
using Microsoft.Extensions.Time.Testing;

namespace Livepeer.Core.Tests.Keystores;

public sealed class KeyStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("livepeer-keystore-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 22, 12, 57, 55, TimeSpan.Zero).AddTicks(9207517));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private KeyStore Store() => new(Path.Combine(_dir, "keystore"), _time, new ScryptKdf(1 << 10, 8, 1));

    [Fact]
    public void FileNameFollowsGeth()
    {
        var address = Address.Parse("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23");
        Assert.Equal("UTC--2026-03-22T12-57-55.920751700Z--2c7536e3605d9c16a7a3d7b1898e529396a65c23", KeyStore.FileName(_time.GetUtcNow(), address));
    }

    [Fact]
    public void NewListFindUnlock()
    {
        var store = Store();
        Assert.Empty(store.List());
        var first = store.NewAccount("one");
        _time.Advance(TimeSpan.FromSeconds(1));
        var second = store.NewAccount("two");
        Assert.Equal([first, second], store.List());
        Assert.StartsWith(Path.Combine(store.Directory, "UTC--2026-03-22T12-57-55"), first.Path);
        Assert.Equal(second, store.Find(second.Address));
        Assert.Null(store.Find(Address.Zero));
        using var key = store.Unlock(first.Address, "one");
        Assert.Equal(first.Address, key.Address);
        Assert.Throws<WrongPasswordException>(() => store.Unlock(first.Address, "two"));
        Assert.Contains("No keystore file", Assert.Throws<AccountNotFoundException>(() => store.Unlock(Address.Zero, "one")).Message);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(first.Path));
    }

    [Fact]
    public void ImportRefusesADuplicateAndLeavesNoStrayFiles()
    {
        var store = Store();
        using var key = PrivateKey.Generate();
        store.Import(key, "p");
        Assert.Throws<InvalidOperationException>(() => store.Import(key, "p"));
        Assert.Single(Directory.GetFiles(store.Directory));
    }

    [Fact]
    public void FailedWriteLeavesNoPartialFile()
    {
        var store = Store();
        using var key = PrivateKey.Generate();
        var account = store.Import(key, "p");
        // The target name is taken by a file that is not a keystore: the final rename fails and no temp file is left.
        File.WriteAllText(account.Path, "occupied");
        Assert.ThrowsAny<IOException>(() => store.Import(key, "p"));
        Assert.Equal(["occupied"], Directory.GetFiles(store.Directory).Select(File.ReadAllText));
    }

    [Fact]
    public void CorruptedFilesAreReportedNotFatal()
    {
        var store = Store();
        var good = store.NewAccount("p");
        File.WriteAllText(Path.Combine(store.Directory, "UTC--broken"), "{\"version\":3");
        var problems = new List<string>();
        Assert.Equal([good], store.List(problems));
        Assert.Contains(problems, p => p.Contains("UTC--broken") && p.Contains("not valid JSON"));
    }
}
