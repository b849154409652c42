using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace CrisisCenter.EventStore.Sqlite;

/// <summary>One page of a global read, and how far the read has looked: past every returned event and
/// past every event the filter skipped, so the next page never scans those again.</summary>
internal sealed record GlobalPage(IReadOnlyList<RecordedEvent> Events, long ScannedThrough);

/// <summary>Page-sized queries over pooled read connections. Each page opens, reads and closes its
/// connection, so a slow consumer holds no connection and no read snapshot while it works.</summary>
internal sealed class SqliteEventReader(SqliteDatabaseFile file)
{
    public List<RecordedEvent> StreamPage(string stream, long fromRevision, ReadDirection direction, int limit)
    {
        using var connection = file.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = direction == ReadDirection.Forwards
            ? $"{StoredEventColumns.Select} WHERE stream = $stream AND revision >= $from ORDER BY revision ASC LIMIT $limit;"
            : $"{StoredEventColumns.Select} WHERE stream = $stream AND revision <= $from ORDER BY revision DESC LIMIT $limit;";
        command.Parameters.AddWithValue("$stream", stream);
        command.Parameters.AddWithValue("$from", fromRevision);
        command.Parameters.AddWithValue("$limit", limit);
        return ReadAll(command);
    }

    /// <summary>
    /// The next events after <paramref name="afterPosition"/> that pass <paramref name="filter"/>.
    /// Why reading "position &gt; cursor" never skips an event that commits later with a smaller position:
    /// SQLite lets one writer at a time hold the file (in this process the group-commit loop, across processes
    /// the file lock), and AUTOINCREMENT gives each insert a position above every committed one. So positions
    /// are handed out in commit order, and any snapshot holds every position up to its highest one.
    /// That is also why the upper bound read first may be used by the second query, which sees at least as much.
    /// </summary>
    public GlobalPage AllPage(long afterPosition, StreamFilter? filter, int limit)
    {
        using var connection = file.OpenReader();
        var highest = Convert.ToInt64(SqliteDatabaseFile.Scalar(connection, $"SELECT coalesce(max(position), {GlobalPosition.Start}) FROM events;"), CultureInfo.InvariantCulture);
        if (highest <= afterPosition)
            return new GlobalPage([], afterPosition);

        using var command = connection.CreateCommand();
        command.CommandText = $"{StoredEventColumns.Select} WHERE position > $after AND position <= $highest AND ({FilterCondition(command, filter)}) ORDER BY position ASC LIMIT $limit;";
        command.Parameters.AddWithValue("$after", afterPosition);
        command.Parameters.AddWithValue("$highest", highest);
        command.Parameters.AddWithValue("$limit", limit);
        var events = ReadAll(command);
        // A short page means the query looked at everything up to `highest`.
        return new GlobalPage(events, events.Count == limit ? events[^1].Position : highest);
    }

    public long? StreamRevision(string stream)
    {
        using var connection = file.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT max(revision) FROM events WHERE stream = $stream;";
        command.Parameters.AddWithValue("$stream", stream);
        return command.ExecuteScalar() is long revision ? revision : null;
    }

    public long LastPosition()
    {
        using var connection = file.OpenReader();
        return SqliteDatabaseFile.Scalar(connection, "SELECT max(position) FROM events;") is long position ? position : GlobalPosition.Start;
    }

    // The same rule as StreamFilter.Matches, in SQL so skipped rows never leave SQLite.
    private static string FilterCondition(SqliteCommand command, StreamFilter? filter)
    {
        const string notSystem = "substr(stream, 1, 1) <> '$'";
        if (filter is null || filter.Prefixes.Count == 0)
            return notSystem;
        var sql = new StringBuilder();
        for (var i = 0; i < filter.Prefixes.Count; i++)
        {
            var prefix = filter.Prefixes[i];
            var name = $"$prefix{i}";
            command.Parameters.AddWithValue(name, prefix);
            if (i > 0)
                sql.Append(" OR ");
            sql.Append(CultureInfo.InvariantCulture, $"(substr(stream, 1, length({name})) = {name}");
            sql.Append(StreamFilter.IsSystemStream(prefix) ? ")" : $" AND {notSystem})");
        }
        return sql.ToString();
    }

    private static List<RecordedEvent> ReadAll(SqliteCommand command)
    {
        var events = new List<RecordedEvent>();
        using var row = command.ExecuteReader();
        while (row.Read())
            events.Add(StoredEventColumns.Read(row));
        return events;
    }
}
