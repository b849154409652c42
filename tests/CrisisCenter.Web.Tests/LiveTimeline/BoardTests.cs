using CrisisCenter.Domain;
using CrisisCenter.Web.Tests.Support;

namespace CrisisCenter.Web.Tests.LiveTimeline;

[Collection(LiveTimelineCollection.Name)]
public sealed class BoardTests(LiveTimelineNode live)
{
    [Fact]
    public async Task the_board_sends_current_rows_then_live_changes_and_resumes_after_a_position()
    {
        using var officer = await live.SignInAsync(TestUsers.MesOfficer);
        var flood = await officer.DeclareAsync("Flood warning for Kapchagay");
        var firstUpdate = await officer.LogUpdateAsync(flood, "Reservoir at 98%");

        await using var first = await live.ConnectAsync(TestUsers.MesOfficer);
        await first.JoinBoardAsync(afterPosition: null);
        await first.WaitForBoardAsync(rows => rows.Any(r => r.Id == flood && r.LastPosition == firstUpdate), "the flood's current row");
        var secondUpdate = await officer.LogUpdateAsync(flood, "Spillway opened");
        await first.WaitForBoardAsync(rows => rows.Any(r => r.Id == flood && r.LastPosition == secondUpdate), "the flood's live change");
        var fire = await officer.DeclareAsync("Steppe fire near Konayev");
        var rows = await first.WaitForBoardAsync(rows => rows.Any(r => r.Id == fire), "the new incident's row");
        rows.Select(r => r.LastPosition).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();

        await using var resumed = await live.ConnectAsync(TestUsers.MesOfficer);
        await resumed.JoinBoardAsync(afterPosition: secondUpdate);
        var missed = await resumed.WaitForBoardAsync(rows => rows.Any(r => r.Id == fire), "the row that changed after the position");
        await Task.Delay(200);
        resumed.Board.Should().OnlyContain(r => r.LastPosition > secondUpdate).And.NotContain(r => r.Id == flood);
        resumed.Board.Single(r => r.Id == fire).Status.Should().Be(IncidentStatus.Active);
    }

    [Fact]
    public async Task a_restricted_incident_reaches_only_the_boards_of_its_agencies()
    {
        using var moh = await live.SignInAsync(TestUsers.MohOfficer);
        await using var outsider = await live.ConnectAsync(TestUsers.MesOfficer);
        await using var insider = await live.ConnectAsync(TestUsers.MohOfficer);
        await outsider.JoinBoardAsync();
        await insider.JoinBoardAsync();

        var restricted = await moh.DeclareAsync("Measles outbreak at a boarding school", visibility: "Restricted");
        var open = await moh.DeclareAsync("Heat wave advisory");

        var outsiderRows = await outsider.WaitForBoardAsync(rows => rows.Any(r => r.Id == open), "the open incident's row");
        var insiderRows = await insider.WaitForBoardAsync(rows => rows.Any(r => r.Id == open), "the open incident's row");
        outsiderRows.Should().NotContain(r => r.Id == restricted);
        insiderRows.Should().Contain(r => r.Id == restricted && r.Visibility == Visibility.Restricted);
    }
}
