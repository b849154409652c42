using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace CrisisCenter.EventStore.Sqlite;

/// <summary>One append, applied inside the writer's open transaction: idempotency first, then the expected
/// revision, then the rows with their hash chain (<see cref="Apply"/>); or, when the appender named the stream's last
/// event, straight to the rows (<see cref="ApplyAtKnownTail"/>). The statements are prepared once and reused for every
/// append of the store's life.</summary>
internal sealed class StreamAppendStatements : IDisposable
{
    /// <summary>SQLITE_CONSTRAINT: a row broke UNIQUE(event_id) or UNIQUE(stream, revision).</summary>
    public const int ConstraintViolation = 19;

    private readonly SqliteCommand findEvent;
    private readonly SqliteCommand lastOfStream;
    private readonly SqliteCommand hashAt;
    private readonly SqliteCommand insert;
    private readonly TimeProvider clock;

    public StreamAppendStatements(SqliteConnection connection, TimeProvider clock)
    {
        this.clock = clock;
        findEvent = Prepare(connection, "SELECT stream, revision, position, hash FROM events WHERE event_id = $eventId;", "$eventId");
        lastOfStream = Prepare(connection, "SELECT revision, hash FROM events WHERE stream = $stream ORDER BY revision DESC LIMIT 1;", "$stream");
        hashAt = Prepare(connection, "SELECT hash FROM events WHERE stream = $stream AND revision = $revision;", "$stream", "$revision");
        insert = Prepare(connection, """
            INSERT INTO events (event_id, stream, revision, type, data, metadata, recorded_at, previous_hash, hash)
            VALUES ($eventId, $stream, $revision, $type, $data, $metadata, $recordedAt, $previousHash, $hash)
            RETURNING position;
            """, "$eventId", "$stream", "$revision", "$type", "$data", "$metadata", "$recordedAt", "$previousHash", "$hash");
    }

    public void Enlist(SqliteTransaction? transaction)
    {
        findEvent.Transaction = transaction;
        lastOfStream.Transaction = transaction;
        hashAt.Transaction = transaction;
        insert.Transaction = transaction;
    }

    /// <summary>Writes the append, or returns the result of the identical append already stored, or throws
    /// <see cref="WrongExpectedRevisionException"/> / <see cref="IdempotencyConflictException"/>.</summary>
    public AppendOutcome Apply(PendingAppend append)
    {
        if (FindAlreadyStored(append) is { } original)
            return new AppendOutcome(original, Wrote: false);

        var (lastRevision, lastHash) = LastOfStream(append.Stream);
        var expected = append.Expected;
        var holds = expected.IsAny || (expected.IsNoStream ? lastRevision is null : lastRevision == expected.Value);
        if (!holds)
            throw new WrongExpectedRevisionException(append.Stream, expected, lastRevision);

        return new AppendOutcome(Insert(append, lastRevision ?? -1, lastHash ?? HashChain.Genesis), Wrote: true);
    }

    /// <summary>
    /// Writes the rows without reading first when where they go is known: at the start of a stream expected not to
    /// exist, or right after the tail the appender named, if the stream holds that hash at that revision (checked
    /// here, in the write transaction). Null when neither holds (the caller then uses <see cref="Apply"/>). Another
    /// writer past the tail, or ids already stored (a repeat), make an insert break a UNIQUE constraint: that
    /// <see cref="SqliteException"/> (<see cref="ConstraintViolation"/>) leaves rows to undo, and <see cref="Apply"/>
    /// then tells which it was, as without a tail. Revisions of a stream are contiguous from 0, so the insert after
    /// the tail succeeding proves the tail was the last event.
    /// </summary>
    public AppendOutcome? ApplyAtKnownTail(PendingAppend append)
    {
        var expected = append.Expected;
        if (expected.IsNoStream)
            return new AppendOutcome(Insert(append, lastRevision: -1, HashChain.Genesis), Wrote: true);
        if (append.Tail is not { } tail || !(expected.IsAny || expected.Value == tail.Revision) || HashAt(append.Stream, tail.Revision) != tail.Hash)
            return null;
        return new AppendOutcome(Insert(append, tail.Revision, tail.Hash), Wrote: true);
    }

    private AppendResult Insert(PendingAppend append, long lastRevision, string lastHash)
    {
        var recordedAt = StoredEventColumns.RecordedAtToText(clock.GetUtcNow());
        var revision = lastRevision;
        var previousHash = lastHash;
        long position = 0;
        foreach (var e in append.Events)
        {
            revision++;
            var hash = HashChain.Compute(previousHash, e.EventId, append.Stream, revision, e.Type, e.Data.Span, e.Metadata);
            Set(insert, "$eventId", IdText(e.EventId));
            Set(insert, "$stream", append.Stream);
            Set(insert, "$revision", revision);
            Set(insert, "$type", e.Type);
            Set(insert, "$data", AsArray(e.Data));
            Set(insert, "$metadata", StoredEventColumns.MetadataToJson(e.Metadata));
            Set(insert, "$recordedAt", recordedAt);
            Set(insert, "$previousHash", previousHash);
            Set(insert, "$hash", hash);
            position = Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
            previousHash = hash;
        }
        return new AppendResult(revision, position) { LastHash = previousHash };
    }

    // As in EventStoreDB: a retry of an append that already happened (same ids, same stream, same order)
    // gets the original result, whatever the expected revision says now; any other reuse of ids is a bug.
    private AppendResult? FindAlreadyStored(PendingAppend append)
    {
        var found = 0;
        long firstRevision = 0;
        AppendResult? original = null;
        for (var i = 0; i < append.Events.Count; i++)
        {
            Set(findEvent, "$eventId", IdText(append.Events[i].EventId));
            using var row = findEvent.ExecuteReader();
            if (!row.Read())
                continue;
            var stream = row.GetString(0);
            var revision = row.GetInt64(1);
            if (!string.Equals(stream, append.Stream, StringComparison.Ordinal))
                throw new IdempotencyConflictException(append.Stream,
                    $"Event {append.Events[i].EventId} is already stored in stream '{stream}', not in '{append.Stream}'.");
            if (found == 0)
                firstRevision = revision - i;
            if (found != i || revision != firstRevision + i)
                throw PartialOverlap(append);
            found++;
            original = new AppendResult(revision, row.GetInt64(2)) { LastHash = row.GetString(3) };
        }
        if (found == 0)
            return null;
        if (found != append.Events.Count)
            throw PartialOverlap(append);
        return original;
    }

    private static IdempotencyConflictException PartialOverlap(PendingAppend append) => new(append.Stream,
        $"Some of the {append.Events.Count} events appended to '{append.Stream}' are already stored, but not as this same append (same ids, same order); refusing to write a mix.");

    private string? HashAt(string stream, long revision)
    {
        Set(hashAt, "$stream", stream);
        Set(hashAt, "$revision", revision);
        return hashAt.ExecuteScalar() as string;
    }

    private (long? Revision, string? Hash) LastOfStream(string stream)
    {
        Set(lastOfStream, "$stream", stream);
        using var row = lastOfStream.ExecuteReader();
        return row.Read() ? (row.GetInt64(0), row.IsDBNull(1) ? null : row.GetString(1)) : (null, null);
    }

    public void Dispose()
    {
        findEvent.Dispose();
        lastOfStream.Dispose();
        hashAt.Dispose();
        insert.Dispose();
    }

    internal static string IdText(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    private static byte[] AsArray(ReadOnlyMemory<byte> data) =>
        MemoryMarshal.TryGetArray(data, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : data.ToArray();

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }

    private static void Set(SqliteCommand command, string name, object value) => command.Parameters[name].Value = value;
}

/// <summary>What one append did: its result, and whether it wrote rows (false for an idempotent retry).</summary>
internal readonly record struct AppendOutcome(AppendResult Result, bool Wrote);
