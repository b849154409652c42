namespace CrisisCenter.Domain;

public enum RumorStatus
{
    Logged,
    Assessed,

    /// <summary>A published Rebuttal statement answered it.</summary>
    Rebutted,
    Closed,
}
