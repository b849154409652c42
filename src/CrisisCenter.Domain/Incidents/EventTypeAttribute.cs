namespace CrisisCenter.Domain;

/// <summary>
/// The stable name an event is stored under ("incident.declared.v1"), independent of the CLR type name.
/// A changed payload shape gets a new record and a new version suffix; old names stay readable forever.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
