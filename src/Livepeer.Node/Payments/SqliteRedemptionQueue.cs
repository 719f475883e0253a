using Livepeer.Core;
using Livepeer.Protocol.TicketBroker;
using Microsoft.Data.Sqlite;

namespace Livepeer.Node.Payments;

/// <summary>State of a queued winning ticket.</summary>
public enum RedemptionStatus
{
    /// <summary>Waiting to be redeemed (or to be retried).</summary>
    Pending,
    /// <summary>Redeemed on the ledger.</summary>
    Redeemed,
    /// <summary>Refused for good (used, expired, sender out of funds…); the reason is kept.</summary>
    Failed,
}

/// <summary>A queued ticket with its bookkeeping.</summary>
public sealed record QueuedTicket(long Id, WinningTicket Winning, RedemptionStatus Status, int Attempts, string? LastError);

/// <summary>
/// The orchestrator's credited tickets in SQLite (WAL): every sender nonce it accepted, until its parameters expire, and
/// the winning tickets to redeem. A payment is acknowledged only after both are written, in one transaction (fsynced
/// when it holds a winning ticket), so no winning ticket is lost to a crash or power cut and no payment is accepted
/// twice after a restart.
/// </summary>
public sealed class SqliteRedemptionQueue : IRedemptionQueue, IDisposable
{
    private readonly SqliteConnection _db;
    private readonly Lock _lock = new();

    /// <summary>Opens or creates the queue file.</summary>
    public SqliteRedemptionQueue(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _db.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        Execute("""
            CREATE TABLE IF NOT EXISTS tickets (
              id INTEGER PRIMARY KEY AUTOINCREMENT, ticket_hash BLOB NOT NULL UNIQUE,
              recipient BLOB NOT NULL, sender BLOB NOT NULL, face_value TEXT NOT NULL, win_prob TEXT NOT NULL,
              sender_nonce TEXT NOT NULL, recipient_rand_hash BLOB NOT NULL, creation_round INTEGER NOT NULL,
              creation_round_block_hash BLOB NOT NULL, signature BLOB NOT NULL, recipient_rand TEXT NOT NULL,
              session_id TEXT NOT NULL, status INTEGER NOT NULL, attempts INTEGER NOT NULL, last_error TEXT);
            CREATE INDEX IF NOT EXISTS tickets_status ON tickets (status, id);
            CREATE TABLE IF NOT EXISTS nonces (
              recipient_rand_hash BLOB NOT NULL, sender_nonce BLOB NOT NULL, sender BLOB NOT NULL, expiration_block INTEGER NOT NULL,
              PRIMARY KEY (recipient_rand_hash, sender_nonce)) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS nonces_expiration ON nonces (expiration_block);
            """);
    }

    /// <inheritdoc />
    public ValueTask<UInt256?> CreditAsync(CreditedTickets credited, CancellationToken ct)
    {
        lock (_lock)
        {
            // Winning tickets are money: fsynced (the connection's FULL). Nonces alone only guard against replays, which need
            // the process to die, not the machine: WAL with NORMAL survives a killed process and spares a disk flush per segment.
            var noncesOnly = credited.Winners.Count == 0;
            if (noncesOnly) Execute("PRAGMA synchronous=NORMAL");
            try { return ValueTask.FromResult(Credit(credited)); }
            finally { if (noncesOnly) Execute("PRAGMA synchronous=FULL"); }
        }
    }

    private UInt256? Credit(CreditedTickets credited)
    {
        using var tx = _db.BeginTransaction();
        using var cmd = _db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT OR IGNORE INTO nonces (recipient_rand_hash, sender_nonce, sender, expiration_block) VALUES ($rh, $n, $s, $e)";
        cmd.Parameters.AddWithValue("$rh", credited.RecipientRandHash.ToArray());
        cmd.Parameters.AddWithValue("$s", credited.Sender.ToArray());
        cmd.Parameters.AddWithValue("$e", credited.ExpirationBlock);
        var nonce = cmd.Parameters.Add("$n", SqliteType.Blob);
        foreach (var n in credited.Nonces)
        {
            var bytes = new byte[32];
            n.WriteBigEndian32(bytes);
            nonce.Value = bytes;
            if (cmd.ExecuteNonQuery() == 0) return n; // used before: the transaction rolls back
        }
        Enqueue(tx, credited.Winners);
        tx.Commit();
        return null;
    }

    /// <inheritdoc />
    public void ForgetExpired(long blockNumber)
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "DELETE FROM nonces WHERE expiration_block < $b";
            cmd.Parameters.AddWithValue("$b", blockNumber);
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>Nonces remembered now (for tests and status pages).</summary>
    public long RememberedNonces()
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT COUNT(*) FROM nonces";
            return (long)cmd.ExecuteScalar()!;
        }
    }

    /// <summary>Queues winning tickets again (a ticket already queued is ignored).</summary>
    public void Enqueue(IReadOnlyList<WinningTicket> tickets)
    {
        lock (_lock)
        {
            using var tx = _db.BeginTransaction();
            Enqueue(tx, tickets);
            tx.Commit();
        }
    }

    private void Enqueue(SqliteTransaction tx, IReadOnlyList<WinningTicket> tickets)
    {
        foreach (var w in tickets)
        {
            var t = w.Ticket;
            using var cmd = _db.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = """
                INSERT OR IGNORE INTO tickets (ticket_hash, recipient, sender, face_value, win_prob, sender_nonce, recipient_rand_hash,
                  creation_round, creation_round_block_hash, signature, recipient_rand, session_id, status, attempts)
                VALUES ($h, $r, $s, $f, $w, $n, $rh, $cr, $crh, $sig, $rand, $sid, 0, 0)
                """;
            cmd.Parameters.AddWithValue("$h", t.Hash().ToArray());
            cmd.Parameters.AddWithValue("$r", t.Recipient.ToArray());
            cmd.Parameters.AddWithValue("$s", t.Sender.ToArray());
            cmd.Parameters.AddWithValue("$f", t.FaceValue.ToString());
            cmd.Parameters.AddWithValue("$w", t.WinProb.ToString());
            cmd.Parameters.AddWithValue("$n", t.SenderNonce.ToString());
            cmd.Parameters.AddWithValue("$rh", t.RecipientRandHash.ToArray());
            cmd.Parameters.AddWithValue("$cr", t.CreationRound);
            cmd.Parameters.AddWithValue("$crh", t.CreationRoundBlockHash.ToArray());
            cmd.Parameters.AddWithValue("$sig", w.Signature);
            cmd.Parameters.AddWithValue("$rand", w.RecipientRand.ToString());
            cmd.Parameters.AddWithValue("$sid", w.SessionId);
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>Pending tickets, oldest first.</summary>
    public IReadOnlyList<QueuedTicket> Pending(int limit = 100) => Query("WHERE status = 0 ORDER BY id LIMIT $limit", limit);

    /// <summary>All tickets, oldest first (for status pages).</summary>
    public IReadOnlyList<QueuedTicket> All(int limit = 10_000) => Query("ORDER BY id LIMIT $limit", limit);

    /// <summary>Counts by status.</summary>
    public IReadOnlyDictionary<RedemptionStatus, long> Counts()
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT status, COUNT(*) FROM tickets GROUP BY status";
            using var r = cmd.ExecuteReader();
            var counts = Enum.GetValues<RedemptionStatus>().ToDictionary(s => s, _ => 0L);
            while (r.Read()) counts[(RedemptionStatus)r.GetInt32(0)] = r.GetInt64(1);
            return counts;
        }
    }

    /// <summary>Records the outcome of a redemption attempt.</summary>
    public void Record(long id, RedemptionStatus status, string? error)
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "UPDATE tickets SET status = $s, attempts = attempts + 1, last_error = $e WHERE id = $id";
            cmd.Parameters.AddWithValue("$s", (int)status);
            cmd.Parameters.AddWithValue("$e", (object?)error ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$id", id);
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Puts a redeemed ticket back to pending because its redemption left the chain (a reorganization, or a node that
    /// restarted from an older state); returns whether it was redeemed here. The chain refuses a second redemption, so
    /// sending it again can never pay twice.
    /// </summary>
    public bool Requeue(Hash ticketHash, string why)
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "UPDATE tickets SET status = 0, last_error = $e WHERE ticket_hash = $h AND status = 1";
            cmd.Parameters.AddWithValue("$e", why);
            cmd.Parameters.AddWithValue("$h", ticketHash.ToArray());
            return cmd.ExecuteNonQuery() == 1;
        }
    }

    private List<QueuedTicket> Query(string where, int limit)
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = $"""
                SELECT id, recipient, sender, face_value, win_prob, sender_nonce, recipient_rand_hash, creation_round,
                  creation_round_block_hash, signature, recipient_rand, session_id, status, attempts, last_error FROM tickets {where}
                """;
            cmd.Parameters.AddWithValue("$limit", limit);
            using var r = cmd.ExecuteReader();
            var list = new List<QueuedTicket>();
            while (r.Read())
            {
                var ticket = new Ticket(new Address((byte[])r[1]), new Address((byte[])r[2]), UInt256.Parse(r.GetString(3)), UInt256.Parse(r.GetString(4)),
                    UInt256.Parse(r.GetString(5)), new Hash((byte[])r[6]), r.GetInt64(7), new Hash((byte[])r[8]));
                var winning = new WinningTicket(ticket, (byte[])r[9], UInt256.Parse(r.GetString(10)), r.GetString(11));
                list.Add(new QueuedTicket(r.GetInt64(0), winning, (RedemptionStatus)r.GetInt32(12), r.GetInt32(13), r.IsDBNull(14) ? null : r.GetString(14)));
            }
            return list;
        }
    }

    private void Execute(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <summary>Closes the database.</summary>
    public void Dispose() => _db.Dispose();
}
