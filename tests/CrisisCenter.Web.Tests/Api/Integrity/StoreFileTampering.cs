using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace CrisisCenter.Web.Tests.Api.Integrity;

/// <summary>
/// Edits a stored event behind the app's back, directly in the SQLite file (while no app has it open), as someone
/// with access to the disk could: the hash chain is what must give it away.
/// </summary>
public static class StoreFileTampering
{
    /// <summary>Changes the JSON data of the event at <paramref name="revision"/> of <paramref name="stream"/> and
    /// returns that event's id. The JSON stays valid and readable, so only the hash chain can tell.</summary>
    public static Guid RewriteEventData(string storeFile, string stream, long revision, Action<JsonObject> change)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = storeFile, Pooling = false }.ToString());
        connection.Open();

        using var read = connection.CreateCommand();
        read.CommandText = "SELECT event_id, data FROM events WHERE stream = $stream AND revision = $revision;";
        read.Parameters.AddWithValue("$stream", stream);
        read.Parameters.AddWithValue("$revision", revision);
        Guid eventId;
        string data;
        using (var row = read.ExecuteReader())
        {
            if (!row.Read()) throw new InvalidOperationException($"No event at revision {revision} of {stream}.");
            eventId = Guid.Parse(row.GetString(0));
            data = Encoding.UTF8.GetString((byte[])row["data"]);
        }

        var json = JsonNode.Parse(data)?.AsObject() ?? throw new InvalidOperationException("The event holds no JSON object.");
        change(json);
        var changed = json.ToJsonString();
        if (JsonNode.DeepEquals(JsonNode.Parse(changed), JsonNode.Parse(data))) throw new InvalidOperationException("The change left the event as it was.");
        using var write = connection.CreateCommand();
        write.CommandText = "UPDATE events SET data = $data WHERE stream = $stream AND revision = $revision;";
        write.Parameters.AddWithValue("$data", Encoding.UTF8.GetBytes(changed));
        write.Parameters.AddWithValue("$stream", stream);
        write.Parameters.AddWithValue("$revision", revision);
        if (write.ExecuteNonQuery() != 1) throw new InvalidOperationException("The tampering updated no row.");
        return eventId;
    }
}
