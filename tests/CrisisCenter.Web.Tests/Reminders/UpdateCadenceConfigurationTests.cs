using CrisisCenter.Domain;
using CrisisCenter.Web.Hosting;
using Microsoft.Extensions.Configuration;

namespace CrisisCenter.Web.Tests.Reminders;

/// <summary>The update cadence per severity comes from CrisisCenter:UpdateCadence; a bad value stops the start.</summary>
public sealed class UpdateCadenceConfigurationTests
{
    private static IncidentPolicy Read(Dictionary<string, string?> settings) =>
        IncidentPolicyConfiguration.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    [Fact]
    public void without_configuration_the_default_cadence_applies()
    {
        Read([]).UpdateCadence.Should().BeEquivalentTo(IncidentPolicy.Default.UpdateCadence);
    }

    [Fact]
    public void a_configured_severity_overrides_its_cadence_and_keeps_the_others()
    {
        var policy = Read(new() { ["CrisisCenter:UpdateCadence:Extreme"] = "00:30:00", ["CrisisCenter:UpdateCadence:minor"] = "08:00:00" });

        policy.UpdateCadenceFor(Severity.Extreme).Should().Be(TimeSpan.FromMinutes(30));
        policy.UpdateCadenceFor(Severity.Minor).Should().Be(TimeSpan.FromHours(8));
        policy.UpdateCadenceFor(Severity.Severe).Should().Be(IncidentPolicy.Default.UpdateCadenceFor(Severity.Severe));
    }

    [Theory]
    [InlineData("Extreme", "00:00:00", "*CrisisCenter:UpdateCadence:Extreme*must be positive*")]
    [InlineData("Extreme", "-01:00:00", "*CrisisCenter:UpdateCadence:Extreme*must be positive*")]
    [InlineData("Extreme", "hourly", "*CrisisCenter:UpdateCadence:Extreme*not a duration*")]
    [InlineData("Catastrophic", "01:00:00", "*'Catastrophic' is not a severity*Minor, Moderate, Severe, Extreme*")]
    [InlineData("3", "01:00:00", "*'3' is not a severity*")]
    public void a_cadence_that_is_not_a_positive_duration_of_a_known_severity_is_refused(string severity, string value, string message)
    {
        var read = () => Read(new() { [$"CrisisCenter:UpdateCadence:{severity}"] = value });

        read.Should().Throw<InvalidOperationException>().WithMessage(message);
    }
}
