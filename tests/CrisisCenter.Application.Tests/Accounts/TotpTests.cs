using System.Text;
using CrisisCenter.Application.Accounts;

namespace CrisisCenter.Application.Tests.Accounts;

/// <summary>The RFC 6238 appendix B test vectors (SHA-1 secret "12345678901234567890"), and the tolerance rules.</summary>
public sealed class TotpTests
{
    private static readonly byte[] RfcSecret = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void codes_match_the_rfc_6238_test_vectors(long unixSeconds, string expected)
    {
        Totp.Code(RfcSecret, Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)), digits: 8).Should().Be(expected);
        Totp.Code(RfcSecret, Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds))).Should().Be(expected[2..], "six digits are the last six");
    }

    [Fact]
    public void a_code_of_the_step_before_or_after_is_accepted_and_no_further()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var step = Totp.StepAt(now);

        Totp.MatchingStep(RfcSecret, Totp.Code(RfcSecret, step), now).Should().Be(step);
        Totp.MatchingStep(RfcSecret, Totp.Code(RfcSecret, step - 1), now).Should().Be(step - 1);
        Totp.MatchingStep(RfcSecret, Totp.Code(RfcSecret, step + 1), now).Should().Be(step + 1);
        Totp.MatchingStep(RfcSecret, Totp.Code(RfcSecret, step - 2), now).Should().BeNull();
        Totp.MatchingStep(RfcSecret, "12a456", now).Should().BeNull();
        Totp.MatchingStep(RfcSecret, "", now).Should().BeNull();
    }

    [Fact]
    public void base32_round_trips_and_matches_rfc_4648()
    {
        Base32.Encode("foobar"u8).Should().Be("MZXW6YTBOI");
        Base32.Decode("MZXW6YTBOI").Should().Equal("foobar"u8.ToArray());
        var secret = Totp.NewSecret();
        Base32.Decode(Base32.Encode(secret)).Should().Equal(secret);
    }
}
