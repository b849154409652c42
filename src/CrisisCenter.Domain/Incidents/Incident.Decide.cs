namespace CrisisCenter.Domain;

public static partial class Incident
{
    public static Decision Decide(IncidentState state, IncidentCommand command, IncidentPolicy policy) =>
        throw new NotImplementedException("Skeleton: rules follow in the next commit.");
}
