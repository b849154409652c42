using System.Text.Json;
using CrisisCenter.Application.Accounts;
using CrisisCenter.Application.Pipeline;
using CrisisCenter.Application.Projections;
using CrisisCenter.Channels;
using CrisisCenter.Channels.Feeds;
using CrisisCenter.Domain;
using CrisisCenter.Web.Api;
using CrisisCenter.Web.Audit;
using CrisisCenter.Web.Auth;
using CrisisCenter.Web.Cli;
using CrisisCenter.Web.Errors;
using CrisisCenter.Web.Hardening;
using CrisisCenter.Web.Hosting;
using CrisisCenter.Web.LiveTimeline;
using CrisisCenter.Web.Reports;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
if (CommandLine.IsVerb(args))
    return await CommandLine.RunAsync(args, builder.Configuration, builder.Environment.ContentRootPath);

var hostOptions = builder.Configuration.GetSection(CrisisCenterOptions.Section).Get<CrisisCenterOptions>() ?? new CrisisCenterOptions();
var storeOptions = builder.Configuration.GetSection(EventStoreOptions.Section).Get<EventStoreOptions>() ?? new EventStoreOptions();
var dataDirectory = Path.GetFullPath(hostOptions.DataDirectory, builder.Environment.ContentRootPath);
Directory.CreateDirectory(dataDirectory);

builder.Services.AddOptions<CrisisCenterOptions>().Bind(builder.Configuration.GetSection(CrisisCenterOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton(TimeProvider.System);
// One policy for the grains' decisions, the read side, the reminders and the API (update cadence from configuration).
builder.Services.AddSingleton(IncidentPolicyConfiguration.Read(builder.Configuration));
builder.Services.AddConfiguredEventStore(storeOptions, dataDirectory);
builder.Services.AddSingleton<AccountDirectory>();
builder.Services.AddSingleton<CrisisCenter.Application.Templates.TemplateLibrary>();
builder.Services.AddCrisisCenterProjections(configureReadStore: readStore =>
    ReadStoreSettings.Configure(readStore, builder.Configuration, dataDirectory, builder.Environment.ContentRootPath));
builder.Services.AddAuditTrail();
builder.Services.AddCrisisCenterReports(builder.Configuration);
builder.Services.AddCrisisCenterChannels(builder.Configuration);
builder.Services.AddHostedService<DemoSeed>();
builder.Services.AddOptions<CrisisCenter.Application.Reminders.ReminderOptions>()
    .Bind(builder.Configuration.GetSection(CrisisCenter.Application.Reminders.ReminderOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddHostedService<CrisisCenter.Application.Reminders.UpdateReminders>();

var siloOptions = SiloSetup.ReadOptions(builder.Configuration);
builder.UseOrleans(silo => SiloSetup.Configure(silo, siloOptions));

builder.Services.AddMediator(options =>
{
    options.PipelineBehaviors = [typeof(InstrumentationBehaviour<,>), typeof(ValidationBehaviour<,>)];
});

builder.Services.AddCrisisCenterAuthentication(builder.Environment);
builder.Services.AddOidcSignIn(builder.Configuration, builder.Environment);
builder.Services.AddDataProtection()
    .SetApplicationName("CrisisCenter")
    .PersistKeysToFileSystem(new DirectoryInfo(hostOptions.KeysDirectory(dataDirectory, builder.Environment.ContentRootPath)));

builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = ApiJson.MaxRequestBodyBytes);
builder.Services.AddOpenApi();
builder.Services.AddLiveTimeline();
builder.Services.AddHealthChecks()
    .AddCheck<EventStoreHealthCheck>("event-store", tags: ["ready"])
    .AddCheck<SiloHealthCheck>("silo", tags: ["ready"])
    .AddCheck<ReadModelsHealthCheck>("read-models", tags: ["ready"]);

builder.Services.AddCrisisCenterRateLimits();
builder.Services.AddHsts(hsts =>
{
    hsts.MaxAge = TimeSpan.FromDays(365);
    hsts.IncludeSubDomains = true;
});

var app = builder.Build();

app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment()) app.UseHsts();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseAuthentication();
app.UseSessionValidation();
app.UseActingUser();
app.UseRateLimiter();
app.UseAuthorization();
app.UseSecondFactorStepUp();

// Public on purpose (the fallback policy closes everything else): the API description and health probes.
app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference("/scalar").AllowAnonymous();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
app.MapAuthApi();
app.MapOidcApi();
app.MapCrisisCenterApi();
app.MapLiveTimeline();
app.MapPublicFeeds();

await app.RunAsync();
return 0;

/// <summary>Entry point type, public so tests can host the app (WebApplicationFactory).</summary>
public partial class Program;
