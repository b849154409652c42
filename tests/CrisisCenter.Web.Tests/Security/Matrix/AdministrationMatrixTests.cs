using CrisisCenter.Application.Accounts;
using CrisisCenter.Channels;
using CrisisCenter.Channels.Administration;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisCenter.Web.Tests.Security.Matrix;

/// <summary>Users are managed by admins only (of any agency); nobody else reads the list or changes it.</summary>
[Collection(SecurityApp.Collection)]
public sealed class AdministrationMatrixTests(SecurityApp security)
{
    [Fact]
    public async Task only_admins_manage_users()
    {
        var directory = security.App.Services.GetRequiredService<AccountDirectory>();
        var victim = await directory.RegisterAsync(new NewAccount("sec.victim." + Guid.NewGuid().ToString("N")[..6], "Victim", Hosting.CrisisCenterApp.Password, "MIA", ["PressOfficer"]), "tests");
        Probe[] probes =
        [
            new("GET", "/api/users"),
            new("POST", "/api/users", new { userName = "sec.new." + Guid.NewGuid().ToString("N")[..6], displayName = "New", password = "a long enough pass phrase", agencyCode = "MES", roles = new[] { "Admin" } }),
            new("POST", $"/api/users/{victim.UserId}/disable", new { reason = "Take-over attempt." }),
        ];

        var wrong = new List<string>();
        var before = (await directory.ListAsync()).Count;
        foreach (var member in Staff.Everyone.Where(m => !m.Has("Admin")))
        {
            foreach (var probe in probes)
            {
                using var response = await probe.SendAsync(security[member]);
                if ((int)response.StatusCode != 403) wrong.Add($"{member} {probe}: {(int)response.StatusCode}");
            }
        }

        wrong.Should().BeEmpty();
        (await directory.ListAsync()).Should().HaveCount(before);
        (await directory.FindByIdAsync(victim.UserId))!.Disabled.Should().BeFalse();

        foreach (var probe in probes)
        {
            using var response = await probe.SendAsync(security[Staff.OutsideAdmin]);
            response.IsSuccessStatusCode.Should().BeTrue($"an admin may {probe}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task only_admins_manage_channels()
    {
        var directory = security.App.Services.GetRequiredService<ChannelDirectory>();
        var code = "sec-partner-" + Guid.NewGuid().ToString("N")[..6];
        var target = "sec-target-" + Guid.NewGuid().ToString("N")[..6];
        await directory.ConfigureAsync(target, new ChannelSettings(ChannelKind.Webhook, true, Url: new Uri("https://partner.example/hooks")),
            new SecretChanges(Secret: "a-secret-of-sixteen-or-more"), null, "tests");
        var webhook = new { kind = "Webhook", url = "https://attacker.example/hooks", secret = "attacker-chosen-secret" };
        Probe[] probes =
        [
            new("GET", "/api/channels"),
            new("GET", "/api/webhook-event-types"),
            new("GET", $"/api/channels/{target}"),
            new("PUT", $"/api/channels/{code}", webhook),
            new("PUT", $"/api/channels/{target}", webhook),
            new("POST", $"/api/channels/{target}/disable"),
            new("POST", $"/api/channels/{target}/enable"),
            new("DELETE", $"/api/channels/{target}"),
        ];

        var wrong = new List<string>();
        foreach (var member in Staff.Everyone.Where(m => !m.Has("Admin")))
        {
            foreach (var probe in probes)
            {
                using var response = await probe.SendAsync(security[member]);
                if ((int)response.StatusCode != 403) wrong.Add($"{member} {probe}: {(int)response.StatusCode}");
            }
        }

        wrong.Should().BeEmpty();
        (await directory.FindAsync(code)).Should().BeNull();
        var untouched = (await directory.FindAsync(target))!;
        untouched.Settings.Url.Should().Be(new Uri("https://partner.example/hooks"));
        untouched.Settings.Enabled.Should().BeTrue();

        foreach (var probe in probes)
        {
            using var response = await probe.SendAsync(security[Staff.OutsideAdmin]);
            response.IsSuccessStatusCode.Should().BeTrue($"an admin may {probe}: {(int)response.StatusCode}");
        }
        (await directory.FindAsync(target)).Should().BeNull("the admin's last probe removed it");
    }
}
