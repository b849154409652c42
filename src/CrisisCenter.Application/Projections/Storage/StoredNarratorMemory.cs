using CrisisCenter.Domain;
using Microsoft.Data.Sqlite;

namespace CrisisCenter.Application.Projections;

/// <summary>
/// The narrator's memory in the read store's small tables, written in the open batch's transaction (and read through
/// it, so a batch sees its own earlier events), so it is exactly as old as the checkpoint and nothing per event
/// stays in memory. Used only on the projection host's loop.
/// </summary>
internal sealed class StoredNarratorMemory(ReadStore store) : INarratorMemory
{
    public StatementKind? FindStatementKind(Guid statementId)
    {
        using var command = Command("SELECT kind FROM statement_kinds WHERE statement_id = $id;");
        command.Parameters.AddWithValue("$id", statementId.ToString("D"));
        return command.ExecuteScalar() is long kind ? (StatementKind)kind : null;
    }

    public void RememberStatementKind(Guid statementId, StatementKind kind)
    {
        using var command = Command("INSERT OR REPLACE INTO statement_kinds (statement_id, kind) VALUES ($id, $kind);");
        command.Parameters.AddWithValue("$id", statementId.ToString("D"));
        command.Parameters.AddWithValue("$kind", (long)kind);
        command.ExecuteNonQuery();
    }

    public PostTarget? FindPost(Guid postId)
    {
        using var command = Command("SELECT statement_id, channel, language FROM post_targets WHERE post_id = $id;");
        command.Parameters.AddWithValue("$id", postId.ToString("D"));
        using var reader = command.ExecuteReader();
        return reader.Read() ? new PostTarget(Guid.Parse(reader.GetString(0)), reader.GetString(1), (Language)reader.GetInt64(2)) : null;
    }

    public void RememberPost(Guid postId, PostTarget target)
    {
        using var command = Command("INSERT OR REPLACE INTO post_targets (post_id, statement_id, channel, language) VALUES ($id, $statement, $channel, $language);");
        command.Parameters.AddWithValue("$id", postId.ToString("D"));
        command.Parameters.AddWithValue("$statement", target.StatementId.ToString("D"));
        command.Parameters.AddWithValue("$channel", target.Channel);
        command.Parameters.AddWithValue("$language", (long)target.Language);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql)
    {
        var command = store.Writer.CreateCommand();
        command.Transaction = store.CurrentTransaction;
        command.CommandText = sql;
        return command;
    }
}
