using System.Globalization;
using System.Text.Json;
using CrisisCenter.Application.Accounts;
using CrisisCenter.Application.Templates;
using CrisisCenter.EventStore;
using CrisisCenter.Grains.Serialization;

namespace CrisisCenter.Application.Audit;

/// <summary>One-line summaries of the facts outside incident streams (the user directory, the template library).
/// Secrets (password hashes, security stamps) never appear; anything unknown is summarised by its type name.</summary>
internal static class AuditSummaries
{
    public static string Describe(RecordedEvent record)
    {
        try
        {
            if (AccountEventTypes.ByName.TryGetValue(record.Type, out var accountType)
                && JsonSerializer.Deserialize(record.Data.Span, accountType, DomainJson.Options) is AccountEvent account)
                return Account(account);
            if (TemplateEventTypes.ByName.TryGetValue(record.Type, out var templateType)
                && JsonSerializer.Deserialize(record.Data.Span, templateType, DomainJson.Options) is TemplateEvent template)
                return Template(template);
        }
        catch (JsonException)
        {
            // An unreadable record is still an audited fact: fall through to its type name.
        }
        return $"{record.Type} in {record.Stream}";
    }

    private static string Account(AccountEvent e) => e switch
    {
        AccountRegistered r => $"User {r.UserName} ({r.UserId}) registered in {r.AgencyCode} as {string.Join(", ", r.Roles)}",
        AccountPasswordChanged p => $"Password of user {p.UserId} changed",
        AccountDisabled d => $"User {d.UserId} disabled: {d.Reason}",
        AccountLockedOut l => $"User {l.UserId} locked out after {l.FailedAttempts} failed sign-ins until {l.Until.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC",
        AccountExternalLoginLinked x => $"User {x.UserId} signs in through {x.Issuer} (subject {x.Subject})",
        AccountAccessChanged c => $"Access of user {c.UserId} set to {string.Join(", ", c.Roles)} in {c.AgencyCode}",
        _ => e.GetType().Name,
    };

    private static string Template(TemplateEvent e) => e switch
    {
        TemplateCreated c => $"Template '{c.Name}' created",
        TemplateChanged c => $"Template '{c.Name}' changed",
        TemplateRemoved r => $"Template {r.TemplateId} removed",
        _ => e.GetType().Name,
    };
}
