using System.Text.Json;
using CrisisCenter.Application.Audit;
using Microsoft.Data.Sqlite;

namespace CrisisCenter.Application.Projections;

/// <summary>
/// One transaction of the <see cref="ReadStore"/>: the rows of a batch of events and, at <see cref="Commit"/>, the
/// checkpoint of its last event. Disposing without committing rolls everything back, checkpoint included, so a batch
/// is applied whole or not at all.
/// </summary>
public sealed class ReadStoreBatch : IDisposable
{
    private readonly ReadStore _store;
    private readonly SqliteTransaction _transaction;
    private readonly SqliteCommand _timeline;
    private readonly SqliteCommand _audit;
    private readonly SqliteCommand _state;
    private readonly SqliteCommand _deleteState;
    private bool _done;

    internal ReadStoreBatch(ReadStore store, SqliteTransaction transaction)
    {
        _store = store;
        _transaction = transaction;
        _timeline = Command("INSERT INTO timeline (position, incident_id, entry) VALUES ($position, $key, $entry);");
        _audit = Command("INSERT INTO audit (position, stream, actor_id, entry) VALUES ($position, $key, $actor, $entry);");
        _state = Command("INSERT OR REPLACE INTO incident_state (projection, incident_id, state) VALUES ($projection, $key, $entry);");
        _deleteState = Command("DELETE FROM incident_state WHERE projection = $projection AND incident_id = $key;");
    }

    public void Add(TimelineEntry entry) =>
        Run(_timeline, ("$position", entry.Position), ("$key", entry.IncidentId.ToString("D")), ("$entry", JsonSerializer.Serialize(entry, ReadStoreJson.Options)));

    public void Add(AuditEntry entry) =>
        Run(_audit, ("$position", entry.Position), ("$key", entry.Stream), ("$actor", (object?)entry.ActorId ?? DBNull.Value),
            ("$entry", JsonSerializer.Serialize(entry, ReadStoreJson.Options)));

    /// <summary>Replaces what <paramref name="projection"/> keeps of one incident (see <see cref="IRestorableProjection"/>).</summary>
    public void SaveIncidentState(string projection, Guid incidentId, string state) =>
        Run(_state, ("$projection", projection), ("$key", incidentId.ToString("D")), ("$entry", state));

    /// <summary>Forgets what <paramref name="projection"/> kept of one incident (it keeps nothing of it any more).</summary>
    public void DeleteIncidentState(string projection, Guid incidentId) =>
        Run(_deleteState, ("$projection", projection), ("$key", incidentId.ToString("D")));

    /// <summary>Records <paramref name="checkpoint"/> as applied and commits every row of the batch with it.</summary>
    public void Commit(long checkpoint)
    {
        using (var command = Command("UPDATE read_store SET value = $position WHERE key = 'checkpoint';"))
        {
            command.Parameters.AddWithValue("$position", checkpoint);
            command.ExecuteNonQuery();
        }

        _transaction.Commit();
        _done = true;
        _store.Committed(checkpoint);
    }

    public void Dispose()
    {
        _timeline.Dispose();
        _audit.Dispose();
        _state.Dispose();
        _deleteState.Dispose();
        _transaction.Dispose(); // rolls back when not committed
        if (!_done)
        {
            _store.Abandoned();
        }
    }

    private SqliteCommand Command(string sql)
    {
        var command = _store.Writer.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Run(SqliteCommand command, params (string Name, object Value)[] parameters)
    {
        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }
}
