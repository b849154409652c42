namespace CrisisCenter.Domain;

public enum RumorVerdict
{
    False,
    Misleading,
    Unverified,
    True,
}
