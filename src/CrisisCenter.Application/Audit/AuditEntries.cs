using CrisisCenter.EventStore;

namespace CrisisCenter.Application.Audit;

/// <summary>Turns a stored record into its <see cref="AuditEntry"/>: the projection host writes one per record it reads.</summary>
internal static class AuditEntries
{
    /// <param name="incidentId">The incident whose stream holds the record; null for other streams.</param>
    /// <param name="incidentSummary">The timeline line of an incident event (the same words), null when it could not be read.</param>
    public static AuditEntry From(RecordedEvent record, Guid? incidentId, string? incidentSummary)
    {
        var m = record.Metadata;
        var summary = incidentId is null
            ? Describe(record)
            : incidentSummary ?? $"{record.Type} (not readable by this version)";
        return new AuditEntry(record.Position, record.Stream, record.Revision, record.EventId, record.Type, record.RecordedAt,
            m.ActorId, m.ActorName, m.AgencyCode, m.Roles ?? [], m.SessionId, m.CommandId, incidentId, summary);
    }

    private static string Describe(RecordedEvent record)
    {
        try
        {
            return AuditSummaries.Describe(record);
        }
        catch (Exception)
        {
            // Readable JSON missing a field the words need (a record of an older shape): still an audited fact, and
            // one odd record must not stop the feed every read model of the node shares.
            return $"{record.Type} in {record.Stream}";
        }
    }
}
