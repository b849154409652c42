using System.Text.Json;
using CrisisCenter.EventStore;
using CrisisCenter.Web.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;

namespace CrisisCenter.Web.Tests.Api.Errors;

/// <summary>
/// While the cluster moves the incidents of a killed node (the failover test sees this for a few seconds), calls to
/// them fail inside Orleans: the client gets 503 with Retry-After, an answer it retries, not a 500.
/// </summary>
public sealed class UnavailableNodeTests
{
    public static TheoryData<Exception> Unavailable => new()
    {
        new SiloUnavailableException("Silo S127.0.0.1:11111:1 is dead"),
        new TimeoutException("Response did not arrive on time"),
        new EventStoreUnavailableException("No node answered"),
    };

    [Theory]
    [MemberData(nameof(Unavailable))]
    public async Task a_node_or_store_that_does_not_answer_is_503_with_retry_after(Exception failure)
    {
        using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        var handler = new ProblemExceptionHandler(services.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>(), NullLogger<ProblemExceptionHandler>.Instance);

        var handled = await handler.TryHandleAsync(context, failure, CancellationToken.None);

        handled.Should().BeTrue();
        context.Response.StatusCode.Should().Be(503);
        context.Response.Headers.RetryAfter.ToString().Should().Be(ProblemExceptionHandler.RetryAfterSeconds);
        context.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(context.Response.Body);
        body.RootElement.GetProperty("status").GetInt32().Should().Be(503);
    }

    [Fact]
    public async Task a_genuine_fault_of_ours_is_still_not_dressed_up()
    {
        using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        var handler = new ProblemExceptionHandler(services.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>(), NullLogger<ProblemExceptionHandler>.Instance);

        (await handler.TryHandleAsync(context, new NullReferenceException(), CancellationToken.None)).Should().BeFalse();
    }
}
