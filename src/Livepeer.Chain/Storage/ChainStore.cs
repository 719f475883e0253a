using Microsoft.Data.Sqlite;

namespace Livepeer.Chain.Storage;

/// <summary>
/// The ledger's persistent store: one SQLite file in WAL mode. A block, its transactions, receipts, events and state
/// hash commit in one SQLite transaction, so a crash at any moment leaves either the whole block or none of it.
/// Single writer (the sequencer); readers may run concurrently on their own connections.
/// </summary>
public sealed class ChainStore : IDisposable
{
    private const int SchemaVersion = 1;
    /// <summary>Snapshots kept besides genesis's: the newest and the one before it.</summary>
    public const int KeptSnapshots = 2;
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly Lock _writeLock = new();

    private ChainStore(string path)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        Execute(_writer, "PRAGMA journal_mode=WAL;");
        // NORMAL in WAL mode survives a killed process (committed pages are in the OS); FULL would also survive power loss.
        Execute(_writer, "PRAGMA synchronous=NORMAL;");
        Execute(_writer, "PRAGMA foreign_keys=ON;");
        // Transaction hashes are random keys: a bigger page cache keeps their index's hot pages off the disk (64 MiB).
        Execute(_writer, "PRAGMA cache_size=-65536;");
        CreateSchema();
    }

    /// <summary>Opens or creates the store at <paramref name="path"/>.</summary>
    public static ChainStore Open(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        try { return new ChainStore(path); }
        catch (SqliteException e) { throw new ChainStoreException($"Cannot open the chain database at {path}: {e.Message}. Is it another program's file, or is the disk full?", e); }
    }

    private void CreateSchema()
    {
        Execute(_writer, """
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS blocks (
              number INTEGER PRIMARY KEY, hash BLOB NOT NULL UNIQUE, parent_hash BLOB NOT NULL,
              timestamp INTEGER NOT NULL, state_hash BLOB NOT NULL, tx_count INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS transactions (
              hash BLOB PRIMARY KEY, block_number INTEGER NOT NULL REFERENCES blocks(number), tx_index INTEGER NOT NULL,
              sender BLOB NOT NULL, nonce INTEGER NOT NULL, raw BLOB NOT NULL, success INTEGER NOT NULL, error TEXT,
              UNIQUE (block_number, tx_index));
            CREATE INDEX IF NOT EXISTS transactions_sender ON transactions (sender, nonce);
            CREATE TABLE IF NOT EXISTS events (
              block_number INTEGER NOT NULL, tx_index INTEGER NOT NULL, log_index INTEGER NOT NULL,
              name TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (block_number, log_index));
            CREATE INDEX IF NOT EXISTS events_name ON events (name, block_number);
            CREATE TABLE IF NOT EXISTS snapshots (block_number INTEGER PRIMARY KEY REFERENCES blocks(number), state BLOB NOT NULL);
            """);
        using var cmd = _writer.CreateCommand();
        cmd.CommandText = "SELECT value FROM meta WHERE key = 'schema_version'";
        var version = cmd.ExecuteScalar() as string;
        if (version is null) Execute(_writer, $"INSERT INTO meta (key, value) VALUES ('schema_version', '{SchemaVersion}')");
        else if (version != SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
            throw new ChainStoreException($"The chain database has schema version {version}; this build reads version {SchemaVersion}. Use a matching build or start with a fresh --datadir.");
    }

    /// <summary>Reads a metadata value (chain id, genesis hash, ...).</summary>
    public string? GetMeta(string key)
    {
        using var c = OpenReader();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT value FROM meta WHERE key = $k";
        cmd.Parameters.AddWithValue("$k", key);
        return cmd.ExecuteScalar() as string;
    }

    /// <summary>Writes a metadata value.</summary>
    public void SetMeta(string key, string value)
    {
        lock (_writeLock)
        {
            using var cmd = _writer.CreateCommand();
            cmd.CommandText = "INSERT INTO meta (key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
            cmd.Parameters.AddWithValue("$k", key);
            cmd.Parameters.AddWithValue("$v", value);
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Appends a block atomically. It must extend the head: number = head + 1 (or 0 on an empty store) and its parent hash
    /// must be the head's hash.
    /// </summary>
    public void Append(StoredBlock block)
    {
        lock (_writeLock)
        {
            var head = ReadHead(_writer);
            var expected = head is null ? 0 : head.Value.Number + 1;
            if (block.Number != expected)
                throw new ChainStoreException($"Block {block.Number} does not extend the head; the next block must be {expected}.");
            if (head is not null && block.ParentHash != head.Value.Hash)
                throw new ChainStoreException($"Block {block.Number}'s parent hash {block.ParentHash} is not the head's hash {head.Value.Hash}.");

            using var tx = _writer.BeginTransaction();
            Insert(tx, "INSERT INTO blocks (number, hash, parent_hash, timestamp, state_hash, tx_count) VALUES ($n, $h, $p, $t, $s, $c)",
                ("$n", block.Number), ("$h", block.Hash.ToArray()), ("$p", block.ParentHash.ToArray()), ("$t", block.Timestamp),
                ("$s", block.StateHash.ToArray()), ("$c", block.Transactions.Count));
            if (block.Transactions.Count > 0)
            {
                // One prepared statement per table, reused for every row: a big block costs a bind and a step per row.
                using var insertTx = Prepare(tx, "INSERT INTO transactions (hash, block_number, tx_index, sender, nonce, raw, success, error) VALUES ($h, $b, $i, $s, $n, $r, $ok, $e)",
                    "$h", "$b", "$i", "$s", "$n", "$r", "$ok", "$e");
                using var insertEvent = Prepare(tx, "INSERT INTO events (block_number, tx_index, log_index, name, json) VALUES ($b, $i, $l, $n, $j)",
                    "$b", "$i", "$l", "$n", "$j");
                var txParams = insertTx.Parameters;
                var eventParams = insertEvent.Parameters;
                txParams[1].Value = block.Number;
                eventParams[0].Value = block.Number;
                var logIndex = 0;
                for (var i = 0; i < block.Transactions.Count; i++)
                {
                    var t = block.Transactions[i];
                    txParams[0].Value = t.Hash.ToArray();
                    txParams[2].Value = i;
                    txParams[3].Value = t.Sender.ToArray();
                    txParams[4].Value = (long)t.Nonce;
                    txParams[5].Value = t.Raw;
                    txParams[6].Value = t.Receipt.Success ? 1 : 0;
                    txParams[7].Value = (object?)t.Receipt.Error ?? DBNull.Value;
                    insertTx.ExecuteNonQuery();
                    foreach (var e in t.Receipt.Events)
                    {
                        eventParams[1].Value = i;
                        eventParams[2].Value = logIndex++;
                        eventParams[3].Value = e.Name;
                        eventParams[4].Value = e.Json;
                        insertEvent.ExecuteNonQuery();
                    }
                }
            }
            if (block.StateSnapshot is not null)
            {
                Insert(tx, "INSERT INTO snapshots (block_number, state) VALUES ($b, $s)", ("$b", block.Number), ("$s", block.StateSnapshot));
                // A restart needs only the newest snapshot; a busy chain takes one every few seconds, so older ones
                // (except genesis's) are dropped instead of growing the file by a whole state each time.
                Insert(tx, $"DELETE FROM snapshots WHERE block_number > 0 AND block_number < (SELECT MIN(block_number) FROM (SELECT block_number FROM snapshots ORDER BY block_number DESC LIMIT {KeptSnapshots}))");
            }
            tx.Commit();
        }
    }

    /// <summary>The newest block's number and hash, or null for an empty store.</summary>
    public (long Number, Hash Hash)? Head()
    {
        using var c = OpenReader();
        return ReadHead(c);
    }

    /// <summary>A block with its transactions and receipts, or null.</summary>
    public StoredBlock? GetBlock(long number)
    {
        using var c = OpenReader();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT number, hash, parent_hash, timestamp, state_hash FROM blocks WHERE number = $n";
        cmd.Parameters.AddWithValue("$n", number);
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return null;
        var header = (Number: r.GetInt64(0), Hash: new Hash((byte[])r[1]), Parent: new Hash((byte[])r[2]), Time: r.GetInt64(3), State: new Hash((byte[])r[4]));
        return new StoredBlock(header.Number, header.Hash, header.Parent, header.Time, header.State, ReadTransactions(c, number));
    }

    /// <summary>The number of the block with this hash, or null.</summary>
    public long? GetBlockNumber(Hash hash)
    {
        using var c = OpenReader();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT number FROM blocks WHERE hash = $h";
        cmd.Parameters.AddWithValue("$h", hash.ToArray());
        return cmd.ExecuteScalar() is long n ? n : null;
    }

    /// <summary>Where a transaction was included, and its receipt; null when it is not in a block.</summary>
    public (long BlockNumber, int Index, StoredTransaction Transaction)? GetTransaction(Hash hash)
    {
        using var c = OpenReader();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT block_number, tx_index FROM transactions WHERE hash = $h";
        cmd.Parameters.AddWithValue("$h", hash.ToArray());
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return null;
        var (block, index) = (r.GetInt64(0), r.GetInt32(1));
        return (block, index, ReadTransactions(c, block)[index]);
    }

    /// <summary>The next nonce a sender must use: one past its highest included nonce, or 0.</summary>
    public ulong NextNonce(Address sender)
    {
        using var c = OpenReader();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT MAX(nonce) FROM transactions WHERE sender = $s";
        cmd.Parameters.AddWithValue("$s", sender.ToArray());
        return cmd.ExecuteScalar() is long n ? (ulong)n + 1 : 0;
    }

    /// <summary>Events in a block range, optionally only those with the given names, oldest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<StoredLog> GetLogs(long fromBlock, long toBlock, IReadOnlyCollection<string>? names = null, int limit = 10_000)
    {
        using var c = OpenReader();
        using var cmd = c.CreateCommand();
        var nameFilter = "";
        if (names is { Count: > 0 })
        {
            var p = names.Select((n, i) => { cmd.Parameters.AddWithValue($"$n{i}", n); return $"$n{i}"; });
            nameFilter = $" AND e.name IN ({string.Join(", ", p)})";
        }
        cmd.CommandText = $"""
            SELECT e.block_number, b.hash, e.tx_index, t.hash, e.log_index, e.name, e.json
            FROM events e JOIN blocks b ON b.number = e.block_number
            JOIN transactions t ON t.block_number = e.block_number AND t.tx_index = e.tx_index
            WHERE e.block_number BETWEEN $from AND $to{nameFilter}
            ORDER BY e.block_number, e.log_index LIMIT $limit
            """;
        cmd.Parameters.AddWithValue("$from", fromBlock);
        cmd.Parameters.AddWithValue("$to", toBlock);
        cmd.Parameters.AddWithValue("$limit", limit);
        using var r = cmd.ExecuteReader();
        var logs = new List<StoredLog>();
        while (r.Read())
            logs.Add(new StoredLog(r.GetInt64(0), new Hash((byte[])r[1]), r.GetInt32(2), new Hash((byte[])r[3]), r.GetInt32(4), new StoredEvent(r.GetString(5), r.GetString(6))));
        return logs;
    }

    /// <summary>
    /// The newest state snapshot at or below <paramref name="atOrBelow"/>, for fast restarts. Only genesis's and the
    /// <see cref="KeptSnapshots"/> newest are kept.
    /// </summary>
    public (long BlockNumber, byte[] State)? LatestSnapshot(long atOrBelow = long.MaxValue)
    {
        using var c = OpenReader();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT block_number, state FROM snapshots WHERE block_number <= $n ORDER BY block_number DESC LIMIT 1";
        cmd.Parameters.AddWithValue("$n", atOrBelow);
        using var r = cmd.ExecuteReader();
        return r.Read() ? (r.GetInt64(0), (byte[])r[1]) : null;
    }

    /// <summary>Blocks from <paramref name="fromNumber"/> to the head in order, for replay.</summary>
    public IEnumerable<StoredBlock> BlocksFrom(long fromNumber)
    {
        var head = Head();
        if (head is null) yield break;
        for (var n = fromNumber; n <= head.Value.Number; n++)
            yield return GetBlock(n) ?? throw new ChainStoreException($"Block {n} is missing below the head {head.Value.Number}: the database is damaged.");
    }

    private List<StoredTransaction> ReadTransactions(SqliteConnection c, long block)
    {
        var events = new Dictionary<int, List<StoredEvent>>();
        using (var ev = c.CreateCommand())
        {
            ev.CommandText = "SELECT tx_index, name, json FROM events WHERE block_number = $b ORDER BY log_index";
            ev.Parameters.AddWithValue("$b", block);
            using var er = ev.ExecuteReader();
            while (er.Read())
            {
                var i = er.GetInt32(0);
                if (!events.TryGetValue(i, out var list)) events[i] = list = [];
                list.Add(new StoredEvent(er.GetString(1), er.GetString(2)));
            }
        }
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT tx_index, hash, sender, nonce, raw, success, error FROM transactions WHERE block_number = $b ORDER BY tx_index";
        cmd.Parameters.AddWithValue("$b", block);
        using var r = cmd.ExecuteReader();
        var txs = new List<StoredTransaction>();
        while (r.Read())
        {
            var index = r.GetInt32(0);
            var receipt = new StoredReceipt(r.GetInt64(5) == 1, r.IsDBNull(6) ? null : r.GetString(6), events.GetValueOrDefault(index) ?? []);
            txs.Add(new StoredTransaction(new Hash((byte[])r[1]), new Address((byte[])r[2]), (ulong)r.GetInt64(3), (byte[])r[4], receipt));
        }
        return txs;
    }

    private static (long Number, Hash Hash)? ReadHead(SqliteConnection c)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT number, hash FROM blocks ORDER BY number DESC LIMIT 1";
        using var r = cmd.ExecuteReader();
        return r.Read() ? (r.GetInt64(0), new Hash((byte[])r[1])) : null;
    }

    private SqliteConnection OpenReader()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        return c;
    }

    private static void Insert(SqliteTransaction tx, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = tx.Connection!.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        cmd.ExecuteNonQuery();
    }

    private static SqliteCommand Prepare(SqliteTransaction tx, string sql, params string[] parameterNames)
    {
        var cmd = tx.Connection!.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var name in parameterNames) cmd.Parameters.Add(new SqliteParameter { ParameterName = name });
        cmd.Prepare();
        return cmd;
    }

    private static void Execute(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <summary>Closes the writer connection.</summary>
    public void Dispose()
    {
        SqliteConnection.ClearPool(_writer);
        _writer.Dispose();
    }
}
