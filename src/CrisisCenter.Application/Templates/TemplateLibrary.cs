using System.Collections.Concurrent;
using System.Text.Json;
using CrisisCenter.Application.Streams;
using CrisisCenter.EventStore;
using CrisisCenter.Grains.Serialization;

namespace CrisisCenter.Application.Templates;

/// <summary>
/// The holding-statement templates: every change is an event in the <c>templates</c> stream; this class keeps the
/// current templates in memory and catches up with the stream before answering, so a template an admin saved on
/// another node is found here.
/// </summary>
public sealed class TemplateLibrary(IEventStore store, TimeProvider clock)
{
    public const string Stream = "templates";
    private const int Attempts = 4;

    private readonly ConcurrentDictionary<Guid, StatementTemplate> _byId = new();
    private readonly StreamFold<TemplateEvent> _facts = new(store, Stream, TemplateEventTypes.ByName);

    public async Task<IReadOnlyList<StatementTemplate>> ListAsync(CancellationToken ct = default)
    {
        await CatchUpAsync(ct);
        return [.. _byId.Values.OrderBy(t => t.Category).ThenBy(t => t.Name, StringComparer.Ordinal)];
    }

    public async Task<StatementTemplate?> FindAsync(Guid templateId, CancellationToken ct = default)
    {
        await CatchUpAsync(ct);
        return _byId.GetValueOrDefault(templateId);
    }

    /// <summary>Creates the template; creating an id that exists already changes nothing (a retried request).</summary>
    public async Task<StatementTemplate> CreateAsync(Guid templateId, TemplateDraft draft, string by, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await CatchUpAsync(ct);
            if (_byId.TryGetValue(templateId, out var existing)) return existing;
            try
            {
                await AppendAsync(new TemplateCreated(templateId, draft.Name.Trim(), draft.Category, draft.Content, by, clock.GetUtcNow()), ct);
                return _byId[templateId];
            }
            catch (WrongExpectedRevisionException) when (attempt < Attempts)
            {
                // Another node changed the library meanwhile: catch up and look again.
            }
        }
    }

    /// <summary>Null when there is no such template.</summary>
    public async Task<StatementTemplate?> ChangeAsync(Guid templateId, TemplateDraft draft, string by, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await CatchUpAsync(ct);
            if (!_byId.ContainsKey(templateId)) return null;
            try
            {
                await AppendAsync(new TemplateChanged(templateId, draft.Name.Trim(), draft.Category, draft.Content, by, clock.GetUtcNow()), ct);
                return _byId[templateId];
            }
            catch (WrongExpectedRevisionException) when (attempt < Attempts)
            {
            }
        }
    }

    /// <summary>False when there is no such template.</summary>
    public async Task<bool> RemoveAsync(Guid templateId, string by, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await CatchUpAsync(ct);
            if (!_byId.ContainsKey(templateId)) return false;
            try
            {
                await AppendAsync(new TemplateRemoved(templateId, by, clock.GetUtcNow()), ct);
                return true;
            }
            catch (WrongExpectedRevisionException) when (attempt < Attempts)
            {
            }
        }
    }

    private Task AppendAsync(TemplateEvent e, CancellationToken ct) => _facts.AppendAsync(e, e.By, Apply, ct);

    /// <summary>Applies the facts stored since the last one seen (by this node or another).</summary>
    public Task CatchUpAsync(CancellationToken ct = default) => _facts.CatchUpAsync(Apply, ct);

    private void Apply(TemplateEvent e)
    {
        switch (e)
        {
            case TemplateCreated c:
                _byId[c.TemplateId] = new StatementTemplate(c.TemplateId, c.Name, c.Category, c.Content, c.By, c.At);
                break;
            case TemplateChanged c when _byId.ContainsKey(c.TemplateId):
                _byId[c.TemplateId] = new StatementTemplate(c.TemplateId, c.Name, c.Category, c.Content, c.By, c.At);
                break;
            case TemplateRemoved r:
                _byId.TryRemove(r.TemplateId, out _);
                break;
        }
    }
}
