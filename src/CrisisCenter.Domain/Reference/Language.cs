namespace CrisisCenter.Domain;

/// <summary>Languages a statement can be written in. The declaration order is the canonical order.</summary>
public enum Language
{
    Kk,
    Ru,
    En,
}
