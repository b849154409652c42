namespace CrisisCenter.Domain;

public enum IncidentStatus
{
    Active,
    Stabilized,
    Closed,
}
