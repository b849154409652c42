namespace CrisisCenter.Domain;

/// <summary>Restricted incidents are visible only to the lead and participating agencies (enforced by readers).</summary>
public enum Visibility
{
    Normal,
    Restricted,
}
