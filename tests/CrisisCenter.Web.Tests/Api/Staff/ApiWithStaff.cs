using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Web.Tests.Api.Staff;

/// <summary>
/// One running app with the <see cref="AgencyStaff"/> signed in, shared by the test classes of its collection. The
/// classes of a collection run one after another, so a test that compares the store before and after a request is
/// alone with it; each test declares its own incident, so no test depends on another's.
/// </summary>
public sealed class ApiWithStaff : IAsyncLifetime
{
    public const string Collection = "api with staff";

    public CrisisCenterApp App { get; private set; } = null!;
    public AgencyStaff Staff { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await CrisisCenterApp.StartAsync();
        Staff = await AgencyStaff.EnrolAsync(App);
    }

    public async Task DisposeAsync()
    {
        Staff?.Dispose();
        if (App is not null) await App.DisposeAsync();
    }
}

[CollectionDefinition(ApiWithStaff.Collection)]
public sealed class ApiWithStaffCollection : ICollectionFixture<ApiWithStaff>;
