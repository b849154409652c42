namespace CrisisCenter.Domain;

public enum Role
{
    Admin,
    PressOfficer,
    Approver,
    Observer,
}
