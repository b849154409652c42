namespace CrisisCenter.Application.Accounts;

/// <summary>
/// What a password must be: 10-256 characters, not one of the passwords attackers try first, not the user name,
/// not one character repeated. The list is the long-enough entries of the most common leaked passwords (a full
/// breach corpus does not belong in the binary; an HIBP range check can be added behind this same rule).
/// </summary>
public static class PasswordRules
{
    public const int MinimumLength = 10;
    public const int MaximumLength = 256;

    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "1234567890", "12345678910", "123456789012", "0123456789", "0987654321", "1111111111", "1234512345", "1q2w3e4r5t",
        "1q2w3e4r5t6y", "qwertyuiop", "qwertyuiop123", "qwerty12345", "qwerty123456", "1qaz2wsx3edc", "zaq12wsxcde3",
        "asdfghjkl1", "asdfghjkl;", "zxcvbnm123", "password12", "password123", "password1234", "password!1", "passw0rd123",
        "p@ssw0rd123", "p@ssword123", "iloveyou123", "welcome123", "welcome1234", "admin12345", "administrator", "letmein123",
        "football123", "baseball123", "princess123", "sunshine123", "superman123", "trustno1234", "michael123",
        "changeme123", "default1234", "abcdefghij", "abcd123456", "abc1234567", "a123456789", "q123456789",
        "123qweasdzxc", "qweasdzxc123", "987654321q", "11223344556", "123123123123", "1234qwer1234", "qazwsxedcrfv",
        "пароль123456", "йцукенгшщз", "qwerty2024!", "qwerty2025!", "qwerty2026!", "kazakhstan123", "astana12345",
        "almaty12345", "qazaqstan123", "crisiscenter", "crisiscenter1", "crisiscenter123",
    };

    /// <summary>Why the password is refused, or null when it is acceptable.</summary>
    public static string? Refuse(string? password, string? userName)
    {
        if (password is null || password.Length < MinimumLength || password.Length > MaximumLength)
            return $"A password has {MinimumLength}-{MaximumLength} characters.";
        if (Common.Contains(password))
            return "This password is among the most common leaked passwords; choose another.";
        if (password.Distinct().Count() <= 2)
            return "A password repeats too few different characters.";
        if (!string.IsNullOrWhiteSpace(userName) && password.Contains(userName.Trim(), StringComparison.OrdinalIgnoreCase))
            return "A password must not contain the user name.";
        return null;
    }
}
