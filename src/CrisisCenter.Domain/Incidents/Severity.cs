namespace CrisisCenter.Domain;

/// <summary>CAP 1.2 severities, least to most severe (the order is used to compare them).</summary>
public enum Severity
{
    Minor,
    Moderate,
    Severe,
    Extreme,
}
