namespace CrisisCenter.Domain;

/// <summary>CAP 1.2 event categories.</summary>
public enum IncidentCategory
{
    Geo,
    Met,
    Safety,
    Security,
    Rescue,
    Fire,
    Health,
    Env,
    Transport,
    Infra,
    CBRNE,
    Other,
}
